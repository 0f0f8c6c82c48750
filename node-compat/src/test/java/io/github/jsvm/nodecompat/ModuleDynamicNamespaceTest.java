package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's check that an {@code importModuleDynamically} hook may return a module namespace (instead of a
 * module): the {@code import()} then resolves to a module namespace object. In Java the hook returns the
 * {@link io.github.jsvm.ModuleNamespace} of an evaluated module; Node's {@code util.types.isModuleNamespaceObject}
 * is checked in the guest by what marks such an object (its {@code Symbol.toStringTag} is 'Module', it has
 * no prototype and cannot be extended) and by its identity with the namespace a static import binds.
 */
@NodeTest("test/parallel/test-vm-module-dynamic-namespace.js")
class ModuleDynamicNamespaceTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-dynamic-namespace.js: a hook returning a namespace is called once and import() resolves to a module namespace object")
    void hookReturningANamespace() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule empty = vm.sourceTextModule("", ModuleOptions.in(context));
            empty.link();
            empty.evaluate();
            SourceTextModule keeper = vm.sourceTextModule("import * as ns from 'empty'; globalThis.emptyNamespace = ns;", ModuleOptions.in(context));
            keeper.link((specifier, referrer, attributes) -> empty);
            keeper.evaluate();
            int[] calls = {0};
            SourceTextModule module = vm.sourceTextModule("""
                    export const A = "A";
                    import("").then((ns) => {
                        globalThis.observed = [Object.prototype.toString.call(ns), Object.getPrototypeOf(ns) === null,
                            Object.isExtensible(ns), ns === globalThis.emptyNamespace];
                    }, (e) => { globalThis.observed = ['rejected', String(e)]; });
                    """, ModuleOptions.builder().context(context).importModuleDynamically((specifier, referrer, attributes) -> {
                        calls[0]++;
                        return empty.namespace();
                    }).build());
            module.link();
            module.evaluate();
            assertThat(calls[0]).isEqualTo(1);
            assertThat(context.global("observed")).isEqualTo(List.of("[object Module]", true, false, true));
        }
    }
}
