package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Node's checks of hasAsyncGraph(): refused before instantiation; true when the module or a dependency awaits at its top level. */
@NodeTest("test/parallel/test-vm-module-hasasyncgraph.js")
class ModuleHasAsyncGraphTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-module-hasasyncgraph.js: module is not instantiated yet: ERR_VM_MODULE_STATUS")
    void notInstantiated() {
        SourceTextModule foo = vm.sourceTextModule("export const foo = 4\nexport default 5;", ModuleOptions.defaults());
        assertThatThrownBy(foo::hasAsyncGraph).isInstanceOf(ModuleStatusException.class);
    }

    @Test
    @DisplayName("test-vm-module-hasasyncgraph.js: simple module with top-level await: true")
    void topLevelAwait() {
        SourceTextModule foo = vm.sourceTextModule("export const foo = 4\nexport default 5;\nawait 0;", ModuleOptions.defaults());
        foo.linkRequests(List.of());
        foo.instantiate();
        assertThat(foo.hasAsyncGraph()).isTrue();
    }

    @Test
    @DisplayName("test-vm-module-hasasyncgraph.js: simple module with await only inside an async function: false")
    void awaitInsideAFunction() {
        SourceTextModule foo = vm.sourceTextModule("export const foo = 4\nexport default 5;\nexport async function f() {\n  await 0;\n}",
                ModuleOptions.defaults());
        foo.linkRequests(List.of());
        foo.instantiate();
        assertThat(foo.hasAsyncGraph()).isFalse();
    }

    @Test
    @DisplayName("test-vm-module-hasasyncgraph.js: a module whose dependency awaits at its top level: true for both")
    void dependencyWithTopLevelAwait() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule foo = vm.sourceTextModule("export const foo = 4\nexport default 5;\nawait 0;", ModuleOptions.in(context));
            foo.linkRequests(List.of());
            SourceTextModule bar = vm.sourceTextModule("export { foo } from 'foo';", ModuleOptions.in(context));
            bar.linkRequests(List.of(foo));
            bar.instantiate();
            assertThat(foo.hasAsyncGraph()).isTrue();
            assertThat(bar.hasAsyncGraph()).isTrue();
        }
    }
}
