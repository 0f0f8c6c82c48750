package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleRequest;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's checks of linking by module requests (then named {@code linkRequestedModules}, now
 * {@code linkRequests}) and {@code instantiate()}: simple, deep and circular graphs, and mismatches.
 */
@NodeTest("test/parallel/test-vm-module-linkmodulerequests.js")
@Inexpressible(assertion = "linking undefined, {} or SourceTextModule.prototype fails with ERR_VM_MODULE_NOT_MODULE",
        reason = "the list holds Modules: only null can stand for these (tested)")
@Inexpressible(assertion = "an import and a source-phase import of one specifier linked to different modules fail with ERR_MODULE_LINK_MISMATCH",
        reason = "source-phase imports are for WebAssembly, which GraalJS Community Edition does not have")
class ModuleLinkModuleRequestsTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-linkmodulerequests.js: simple graph: link the requests, instantiate, evaluate")
    void simpleGraph() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = vm.sourceTextModule("export default 5;", ModuleOptions.in(context));
            foo.linkRequests(java.util.List.of());
            SourceTextModule bar = vm.sourceTextModule("import five from \"foo\"; globalThis.fiveResult = five", ModuleOptions.in(context));
            bar.linkRequests(java.util.List.of(foo));
            bar.instantiate();
            bar.evaluate();
            assertThat(context.global("fiveResult")).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("test-vm-module-linkmodulerequests.js: invalid link values: a missing module is refused")
    void invalidLinkValues() {
        SourceTextModule module = vm.sourceTextModule("import \"foo\"", ModuleOptions.defaults());
        assertThatThrownBy(() -> module.linkRequests(Arrays.asList((Module) null))).isInstanceOf(ModuleLinkException.class);
    }

    @Test
    @DisplayName("test-vm-module-linkmodulerequests.js: mismatch linkage: more or fewer modules than requests are refused")
    void mismatchedCounts() {
        SourceTextModule foo = vm.sourceTextModule("export default 5;", ModuleOptions.defaults());
        foo.linkRequests(java.util.List.of());
        SourceTextModule bar = vm.sourceTextModule("import foo from \"foo\";", ModuleOptions.defaults());
        assertThatThrownBy(() -> bar.linkRequests(java.util.List.of(foo, foo))).isInstanceOf(InvalidArgumentException.class);
        SourceTextModule baz = vm.sourceTextModule("import foo from \"foo\"; import bar from \"bar\";", ModuleOptions.defaults());
        assertThatThrownBy(() -> baz.linkRequests(java.util.List.of(foo))).isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    @DisplayName("test-vm-module-linkmodulerequests.js: deep linking: a chain of re-exports, each instantiated on its own")
    void deepLinking() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule parent = vm.sourceTextModule("export default 5", ModuleOptions.in(context));
            parent.linkRequests(java.util.List.of());
            parent.instantiate();
            String parentName = "foo";
            for (String name : java.util.List.of("bar", "baz", "barz")) {
                SourceTextModule child = vm.sourceTextModule("import " + parentName + " from '" + parentName + "';\nexport default "
                        + parentName + ";", ModuleOptions.in(context));
                child.linkRequests(java.util.List.of(parent));
                child.instantiate();
                parent = child;
                parentName = name;
            }
            parent.evaluate();
            assertThat(parent.namespace().get("default")).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("test-vm-module-linkmodulerequests.js: basic circular linking: both linked by one instantiate, the cycle evaluates")
    void circularLinking() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = vm.sourceTextModule("import getFoo from 'bar';\nexport let foo = 42;\nexport default getFoo();",
                    ModuleOptions.in(context));
            SourceTextModule bar = vm.sourceTextModule("import { foo } from 'foo';\nexport default function getFoo() {\n  return foo;\n}",
                    ModuleOptions.in(context));
            foo.linkRequests(java.util.List.of(bar));
            bar.linkRequests(java.util.List.of(foo));
            foo.instantiate();
            assertThat(foo.status()).isEqualTo(ModuleStatus.LINKED);
            assertThat(bar.status()).isEqualTo(ModuleStatus.LINKED);
            foo.evaluate();
            assertThat(foo.namespace().get("default")).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("test-vm-module-linkmodulerequests.js: circular linking graph: star exports across a cycle, linked by request")
    void circularGraph() {
        try (VmContext context = vm.createContext()) {
            Map<String, String> sources = new LinkedHashMap<>();
            sources.put("root", """
                    import * as a from './a.mjs';
                    import * as b from './b.mjs';
                    if (!('fromA' in a)) throw new Error();
                    if (!('fromB' in a)) throw new Error();
                    if (!('fromA' in b)) throw new Error();
                    if (!('fromB' in b)) throw new Error();
                    """);
            sources.put("./a.mjs", "export * from './b.mjs';\nexport let fromA;");
            sources.put("./b.mjs", "export * from './a.mjs';\nexport let fromB;");
            Map<String, SourceTextModule> modules = new LinkedHashMap<>();
            sources.forEach((specifier, source) -> modules.put(specifier, vm.sourceTextModule(source,
                    ModuleOptions.builder().context(context).identifier("file:///" + specifier.replace("./", "")).build())));
            for (SourceTextModule module : modules.values()) {
                module.linkRequests(module.moduleRequests().stream().map(ModuleRequest::specifier).map(modules::get).toList());
            }
            SourceTextModule root = modules.get("root");
            root.instantiate();
            root.evaluate();
            assertThat(root.status()).isEqualTo(ModuleStatus.EVALUATED);
        }
    }
}
