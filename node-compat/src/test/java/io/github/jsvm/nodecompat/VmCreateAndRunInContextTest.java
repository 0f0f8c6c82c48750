package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks of {@code vm.runInContext} with source text: a run in an empty context
 * returns its completion value, a pre-populated context exposes its sandbox's properties, a
 * top-level {@code var} updates the matching sandbox property, and a context still works after a
 * garbage collection when the caller keeps only what it was handed back (GH-5768).
 */
@NodeTest("test/parallel/test-vm-create-and-run-in-context.js")
class VmCreateAndRunInContextTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-create-and-run-in-context.js: code run in a new empty context returns its completion value")
    void runInEmptyContext() {
        try (VmContext ctx = vm.createContext()) {
            assertThat(vm.compile("'passed';").runInContext(ctx)).isEqualTo("passed");
        }
    }

    @Test
    @DisplayName("test-vm-create-and-run-in-context.js: a pre-populated context exposes the sandbox's properties")
    void prePopulatedContext() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar", "thing", "lala"))) {
            assertThat(ctx.global("foo")).isEqualTo("bar");
            assertThat(ctx.global("thing")).isEqualTo("lala");
        }
    }

    @Test
    @DisplayName("test-vm-create-and-run-in-context.js: a top-level var declaration updates the existing global and leaves the others alone")
    void varDeclarationUpdatesTheGlobal() {
        try (VmContext ctx = vm.createContext(Map.of("foo", "bar", "thing", "lala"))) {
            vm.compile("var foo = 3;").runInContext(ctx);
            assertThat(ctx.global("foo")).isEqualTo(3);
            assertThat(ctx.global("thing")).isEqualTo("lala");
        }
    }

    @Test
    @DisplayName("test-vm-create-and-run-in-context.js: a context survives a garbage collection while only the caller's handle references it (GH-5768)")
    void contextSurvivesGarbageCollection() {
        VmContext ctx = vm.createContext(Map.of("x", 1));
        try {
            System.gc();
            vm.compile("x = 2").runInContext(ctx);
            assertThat(ctx.global("x")).isEqualTo(2);
        } finally {
            ctx.close();
        }
    }
}
