package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.VmContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Node's synthetic-module checks: live exports seen by importers, evaluation results, and setExport's errors. */
@NodeTest("test/parallel/test-vm-module-synthetic.js")
@Inexpressible(assertion = "setExport with a non-string name (1, Symbol.iterator, {}, [], true, 0) throws a TypeError",
        reason = "the name is a Java String (null is tested)")
@Inexpressible(assertion = "SyntheticModule.prototype.setExport called on other objects throws ERR_INVALID_ARG_TYPE",
        reason = "Java methods cannot be called with another receiver")
class ModuleSyntheticTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-synthetic.js: an importer sees the value the evaluator set, and later setExport calls live")
    void exportsAreLive() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule[] self = new SyntheticModule[1];
            SyntheticModule synthetic = vm.syntheticModule(List.of("x"), m -> self[0].setExport("x", 1), ModuleOptions.in(context));
            self[0] = synthetic;
            SourceTextModule importer = vm.sourceTextModule("import { x } from 'synthetic';\nexport const getX = () => x;",
                    ModuleOptions.in(context));
            importer.link((specifier, referrer, attributes) -> synthetic);
            importer.evaluate();
            JsFunction getX = (JsFunction) importer.namespace().get("getX");
            assertThat(getX.call()).isEqualTo(1);
            synthetic.setExport("x", 42);
            assertThat(getX.call()).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("test-vm-module-synthetic.js: an evaluator returning a rejected promise still evaluates the module (nothing is returned)")
    void evaluatorResultIsIgnored() {
        SyntheticModule module = vm.syntheticModule(List.of(), m -> { }, ModuleOptions.defaults());
        module.link();
        module.evaluate();
        assertThat(module.status()).isEqualTo(ModuleStatus.EVALUATED);
    }

    @Test
    @DisplayName("test-vm-module-synthetic.js: setExport with a null name throws")
    void nullExportName() {
        SyntheticModule module = vm.syntheticModule(List.of("x"), m -> { }, ModuleOptions.defaults());
        module.link();
        assertThatThrownBy(() -> module.setExport(null, 1)).isInstanceOf(NullPointerException.class).hasMessageContaining("name");
    }

    @Test
    @DisplayName("test-vm-module-synthetic.js: setExport with a name the module does not export throws")
    @NodeDifference("D7")
    void unknownExportName() {
        SyntheticModule module = vm.syntheticModule(List.of(), m -> { }, ModuleOptions.defaults());
        module.link();
        assertThatThrownBy(() -> module.setExport("does not exist", null)).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    @DisplayName("test-vm-module-synthetic.js: setExport on an unlinked module fails with ERR_VM_MODULE_STATUS")
    void setExportBeforeLinking() {
        SyntheticModule module = vm.syntheticModule(List.of(), m -> { }, ModuleOptions.defaults());
        assertThatThrownBy(() -> module.setExport("name", "value")).isInstanceOf(ModuleStatusException.class);
    }
}
