package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.Module;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleRequest;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Node's linking cases: a simple import, invalid linker results, chains, cycles, star-export cycles, import attributes. */
@NodeTest("test/parallel/test-vm-module-link.js")
@Inexpressible(assertion = "a linker returning undefined, {} or SourceTextModule.prototype fails with ERR_VM_MODULE_NOT_MODULE",
        reason = "the linker returns a Module: only null can stand for these (tested)")
@Inexpressible(assertion = "the linker's third argument carries the attributes under both attributes and the legacy assert",
        reason = "one typed Map of attributes; there is no legacy alias in Java")
class ModuleLinkTest extends NodeVmTest {

    private static SourceTextModule module(VmContext context, String code) {
        return vm.sourceTextModule(code, ModuleOptions.in(context));
    }

    @Test
    @DisplayName("test-vm-module-link.js: simple: the linker gets the specifier and the importing module; the import works")
    void simple() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = module(context, "export default 5;");
            foo.link();
            SourceTextModule bar = module(context, "import five from 'foo'; globalThis.fiveResult = five;");
            assertThat(bar.moduleRequests()).extracting(ModuleRequest::specifier).containsExactly("foo");
            List<String> calls = new ArrayList<>();
            bar.link((specifier, referrer, attributes) -> {
                assertThat(referrer).isSameAs(bar);
                calls.add(specifier);
                return foo;
            });
            assertThat(calls).containsExactly("foo");
            bar.evaluate();
            assertThat(context.global("fiveResult")).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("test-vm-module-link.js: invalidLinkValue: a linker returning no module fails the link")
    void invalidLinkValue() {
        SourceTextModule module = vm.sourceTextModule("import 'foo'", ModuleOptions.defaults());
        assertThatThrownBy(() -> module.link((specifier, referrer, attributes) -> null)).isInstanceOf(ModuleLinkException.class);
    }

    @Test
    @DisplayName("test-vm-module-link.js: depth: a chain of modules each re-exporting its parent's default evaluates to the root's value")
    void depth() {
        try (VmContext context = vm.createContext()) {
            Module parent = module(context, "export default 5");
            parent.link();
            String parentName = "foo";
            for (String name : List.of("bar", "baz", "barz")) {
                SourceTextModule child = module(context, "import " + parentName + " from '" + parentName + "';\nexport default " + parentName + ";");
                Module linkedParent = parent;
                String expected = parentName;
                child.link((specifier, referrer, attributes) -> {
                    assertThat(referrer).isSameAs(child);
                    assertThat(specifier).isEqualTo(expected);
                    return linkedParent;
                });
                parent = child;
                parentName = name;
            }
            parent.evaluate();
            assertThat(parent.namespace().get("default")).isEqualTo(5);
        }
    }

    @Test
    @DisplayName("test-vm-module-link.js: circular: the linker is asked twice, the cycle's root is linking meanwhile, and evaluation reads across the cycle")
    void circular() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = module(context, "import getFoo from 'bar';\nexport let foo = 42;\nexport default getFoo();");
            SourceTextModule bar = module(context, "import { foo } from 'foo';\nexport default function getFoo() { return foo; }");
            List<String> calls = new ArrayList<>();
            foo.link((specifier, referrer, attributes) -> {
                calls.add(specifier);
                if (specifier.equals("bar")) {
                    assertThat(referrer).isSameAs(foo);
                    return bar;
                }
                assertThat(referrer).isSameAs(bar);
                assertThat(foo.status()).isEqualTo(ModuleStatus.LINKING);
                return foo;
            });
            assertThat(calls).containsExactly("bar", "foo");
            assertThat(bar.status()).isEqualTo(ModuleStatus.LINKED);
            foo.evaluate();
            assertThat(foo.namespace().get("default")).isEqualTo(42);
        }
    }

    @Test
    @DisplayName("test-vm-module-link.js: circular2: two modules star-exporting each other expose both names to the root")
    void circularStarExports() {
        try (VmContext context = vm.createContext()) {
            Map<String, String> sources = Map.of(
                    "./a.mjs", "export * from './b.mjs';\nexport let fromA;",
                    "./b.mjs", "export * from './a.mjs';\nexport let fromB;");
            SourceTextModule root = vm.sourceTextModule("""
                    import * as a from './a.mjs';
                    import * as b from './b.mjs';
                    if (!('fromA' in a)) throw new Error();
                    if (!('fromB' in a)) throw new Error();
                    if (!('fromA' in b)) throw new Error();
                    if (!('fromB' in b)) throw new Error();
                    """, ModuleOptions.builder().context(context).identifier("vm:root").build());
            Map<String, Module> modules = new HashMap<>();
            root.link((specifier, referrer, attributes) -> modules.computeIfAbsent(specifier, s -> vm.sourceTextModule(sources.get(s),
                    ModuleOptions.builder().context(context).identifier("file:///" + s.substring(2)).build())));
            root.evaluate();
            assertThat(root.status()).isEqualTo(ModuleStatus.EVALUATED);
        }
    }

    @Test
    @DisplayName("test-vm-module-link.js: asserts: the linker receives the import attributes")
    void importAttributes() {
        SourceTextModule module = vm.sourceTextModule("import \"foo\" with { n1: 'v1', n2: 'v2' };",
                ModuleOptions.builder().identifier("m").build());
        List<Map<String, String>> seen = new ArrayList<>();
        module.link((specifier, referrer, attributes) -> {
            assertThat(specifier).isEqualTo("foo");
            assertThat(referrer.identifier()).isEqualTo("m");
            seen.add(attributes);
            return vm.sourceTextModule("", ModuleOptions.defaults());
        });
        assertThat(seen).containsExactly(Map.of("n1", "v1", "n2", "v2"));
    }
}
