package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.VmContext;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 47798: the context's global object obtained by running
 * {@code this} can have its prototype set to {@code null} without crashing. Java receives a copy of
 * the global object, not a live reference, so the prototype is set by code in the context, after the
 * global object was handed out; the context must stay usable.
 */
@NodeTest("test/parallel/test-vm-set-proto-null-on-globalthis.js")
class VmSetProtoNullOnGlobalthisTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-set-proto-null-on-globalthis.js: setting __proto__ of the context's global object to null does not crash")
    void nullPrototypeOnTheGlobal() {
        try (VmContext context = vm.createContext(Map.of("a", 1))) {
            Object contextGlobalThis = vm.compile("this").runInContext(context);
            assertThat(contextGlobalThis).isInstanceOf(Map.class);
            vm.compile("this.__proto__ = null").runInContext(context);
            assertThat(vm.compile("Object.getPrototypeOf(globalThis) === null && a + 1").runInContext(context)).isEqualTo(2);
            assertThat(context.global("a")).isEqualTo(1);
        }
    }
}
