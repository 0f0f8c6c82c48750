package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's check of {@code initializeImportMeta}: it is called once with the module, and what it puts on
 * {@code import.meta} is all the module sees there, on an object without a prototype. Node's callback
 * sets properties on the meta object it receives; jsvm's {@link io.github.jsvm.ImportMetaInitializer}
 * returns them (values are copied into the guest), which is the same outcome.
 */
@NodeTest("test/parallel/test-vm-module-import-meta.js")
@Inexpressible(assertion = "initializeImportMeta set to null, {}, 0, a symbol, [], a string or false throws ERR_INVALID_ARG_TYPE",
        reason = "the option is a typed ImportMetaInitializer; none of these values can be passed (null is a NullPointerException)")
class ModuleImportMetaTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-import-meta.js: testBasic: the initializer is called once, with the module itself")
    void initializerGetsTheModule() {
        try (VmContext context = vm.createContext()) {
            List<SourceTextModule> seen = new ArrayList<>();
            SourceTextModule module = vm.sourceTextModule("globalThis.importMeta = import.meta;", ModuleOptions.builder().context(context)
                    .initializeImportMeta(m -> {
                        seen.add(m);
                        return Map.of("prop", 42);
                    }).build());
            module.link();
            module.evaluate();
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).isSameAs(module);
        }
    }

    @Test
    @DisplayName("test-vm-module-import-meta.js: testBasic: import.meta is an object without prototype whose only own key is prop, 42")
    void importMetaHoldsOnlyWhatTheInitializerSet() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = vm.sourceTextModule("globalThis.importMeta = import.meta;", ModuleOptions.builder().context(context)
                    .initializeImportMeta(m -> Map.of("prop", 42)).build());
            module.link();
            module.evaluate();
            Object observed = vm.compile("[typeof importMeta, Object.getPrototypeOf(importMeta) === null, importMeta.prop,"
                    + " Reflect.ownKeys(importMeta)]").runInContext(context);
            assertThat(observed).isEqualTo(List.of("object", true, 42, List.of("prop")));
        }
    }
}
