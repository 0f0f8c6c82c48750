package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.JsException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Node's check that a module's body runs once, however often it is evaluated, and that its error is thrown again. */
@NodeTest("test/parallel/test-vm-module-reevaluate.js")
@Inexpressible(assertion = "each of the three evaluate() calls resolves to undefined", reason = "evaluate() is void: Java's types make a result impossible")
class ModuleReevaluateTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-reevaluate.js: evaluating three times runs the body once")
    void bodyRunsOnce() {
        try (VmContext context = vm.createContext(Map.of("count", 0))) {
            SourceTextModule module = vm.sourceTextModule("count += 1;", ModuleOptions.in(context));
            module.link();
            for (int i = 0; i < 3; i++) {
                module.evaluate();
                assertThat(context.global("count")).isEqualTo(1);
            }
        }
    }

    @Test
    @DisplayName("test-vm-module-reevaluate.js: evaluating an errored module throws its error again")
    void errorIsThrownAgain() {
        SourceTextModule module = vm.sourceTextModule("throw new Error()", ModuleOptions.defaults());
        module.link();
        assertThatThrownBy(module::evaluate).isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("Error"));
        assertThatThrownBy(module::evaluate).isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("Error"));
    }
}
