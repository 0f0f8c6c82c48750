package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.SourceTextModule;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's tests of {@code instantiate()} after {@code linkRequests()} (Node's
 * {@code linkRequestedModules}): the namespace of a simple module, of one whose empty request list was
 * never given, of a module re-exporting a name or everything from a dependency, and of the top of a chain
 * of ten {@code export *} modules lists the exported names; instantiating a module whose requests were
 * not linked fails with Node's {@code ERR_VM_MODULE_LINK_FAILURE}, jsvm's {@link ModuleLinkException}.
 * Node compares {@code Reflect.ownKeys(namespace)}, which ends with {@code Symbol.toStringTag};
 * {@code namespace().names()} lists the export names, the string keys.
 */
@NodeTest("test/parallel/test-vm-module-instantiate.js")
class ModuleInstantiateTest extends NodeVmTest {

    private static SourceTextModule module(String code) {
        return vm.sourceTextModule(code, ModuleOptions.defaults());
    }

    @Test
    @DisplayName("test-vm-module-instantiate.js: simple module: after linkRequests([]) and instantiate() the namespace lists default and foo")
    void simpleModule() {
        SourceTextModule foo = module("export const foo = 4\nexport default 5;");
        foo.linkRequests(List.of());
        foo.instantiate();
        assertThat(foo.namespace().names()).containsExactly("default", "foo");
    }

    @Test
    @DisplayName("test-vm-module-instantiate.js: linkRequests can be skipped: instantiate() alone gives a namespace listing default and foo")
    void linkRequestsCanBeSkipped() {
        SourceTextModule foo = module("export const foo = 4\nexport default 5;");
        foo.instantiate();
        assertThat(foo.namespace().names()).containsExactly("default", "foo");
    }

    @Test
    @DisplayName("test-vm-module-instantiate.js: re-export simple name: the namespace of export { bar } from 'bar' lists bar")
    void reExportSimpleName() {
        SourceTextModule foo = module("export { bar } from 'bar';");
        SourceTextModule bar = module("export const bar = 42;");
        foo.linkRequests(List.of(bar));
        foo.instantiate();
        assertThat(foo.namespace().names()).containsExactly("bar");
    }

    @Test
    @DisplayName("test-vm-module-instantiate.js: re-export-star: the namespace of export * from 'bar' lists bar")
    void reExportStar() {
        SourceTextModule foo = module("export * from 'bar';");
        SourceTextModule bar = module("export const bar = 42;");
        foo.linkRequests(List.of(bar));
        foo.instantiate();
        assertThat(foo.namespace().names()).containsExactly("bar");
    }

    @Test
    @DisplayName("test-vm-module-instantiate.js: deep re-export-star: the top of ten export * modules lists foo")
    void deepReExportStar() {
        SourceTextModule stackTop = module("export const foo = 4;");
        stackTop.linkRequests(List.of());
        for (int i = 0; i < 10; i++) {
            SourceTextModule mod = module("export * from 'stack?top';");
            mod.linkRequests(List.of(stackTop));
            stackTop = mod;
        }
        stackTop.instantiate();
        assertThat(stackTop.namespace().names()).containsExactly("foo");
    }

    @Test
    @DisplayName("test-vm-module-instantiate.js: instantiate() of a module whose import was not linked throws ERR_VM_MODULE_LINK_FAILURE")
    void unlinkedModuleThrows() {
        SourceTextModule foo = module("import { bar } from 'bar';");
        assertThatThrownBy(foo::instantiate).isInstanceOf(ModuleLinkException.class);
    }
}
