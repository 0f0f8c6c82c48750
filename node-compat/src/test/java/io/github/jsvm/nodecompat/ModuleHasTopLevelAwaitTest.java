package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.ModuleOptions;
import io.github.jsvm.SourceTextModule;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's tests of {@code hasTopLevelAwait()}: false for a module without {@code await}, true for one
 * awaiting at its top level, false for one awaiting only inside an exported async function; a module
 * re-exporting from a dependency that awaits at its top level does not await itself, while the dependency
 * still does.
 */
@NodeTest("test/parallel/test-vm-module-hastoplevelawait.js")
class ModuleHasTopLevelAwaitTest extends NodeVmTest {

    private static SourceTextModule module(String code) {
        return vm.sourceTextModule(code, ModuleOptions.defaults());
    }

    @Test
    @DisplayName("test-vm-module-hastoplevelawait.js: simple module: hasTopLevelAwait() is false")
    void simpleModule() {
        assertThat(module("export const foo = 4\nexport default 5;").hasTopLevelAwait()).isFalse();
    }

    @Test
    @DisplayName("test-vm-module-hastoplevelawait.js: simple module with top-level await: hasTopLevelAwait() is true")
    void topLevelAwait() {
        assertThat(module("export const foo = 4\nexport default 5;\n\nawait 0;").hasTopLevelAwait()).isTrue();
    }

    @Test
    @DisplayName("test-vm-module-hastoplevelawait.js: simple module with non top-level await: hasTopLevelAwait() is false")
    void nonTopLevelAwait() {
        assertThat(module("export const foo = 4\nexport default 5;\n\nexport async function f() {\n  await 0;\n}").hasTopLevelAwait())
                .isFalse();
    }

    @Test
    @DisplayName("test-vm-module-hastoplevelawait.js: module with a dependency containing top-level await: the dependency's hasTopLevelAwait() is true")
    void dependencyAwaits() {
        SourceTextModule foo = module("export const foo = 4\nexport default 5;\n\nawait 0;");
        foo.linkRequests(List.of());
        SourceTextModule bar = module("export { foo } from 'foo';");
        bar.linkRequests(List.of(foo));
        bar.instantiate();
        assertThat(foo.hasTopLevelAwait()).isTrue();
    }

    @Test
    @DisplayName("test-vm-module-hastoplevelawait.js: module with a dependency containing top-level await: its own hasTopLevelAwait() is false")
    void dependentDoesNotAwait() {
        SourceTextModule foo = module("export const foo = 4\nexport default 5;\n\nawait 0;");
        foo.linkRequests(List.of());
        SourceTextModule bar = module("export { foo } from 'foo';");
        bar.linkRequests(List.of(foo));
        bar.instantiate();
        assertThat(bar.hasTopLevelAwait()).isFalse();
    }
}
