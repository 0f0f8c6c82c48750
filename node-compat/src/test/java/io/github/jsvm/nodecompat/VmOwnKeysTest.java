package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.PropertyDescriptor;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's check that the own keys ({@code Reflect.ownKeys}) of a context's global object, less those of a new
 * context's, are the sandbox's own: {@code a} (enumerable), {@code b} (defined, so not enumerable), then the symbols
 * {@code sym1} (enumerable) and {@code sym2} (defined). A Java map has neither symbol keys nor
 * non-enumerable entries: the context is created with {@code a}, {@code b} is defined from the host with
 * {@code globalObject().defineProperty} as {@code Object.defineProperty(sandbox, 'b', { value: true })}
 * defines it, and the symbols, which Java cannot name, are put on the global object by guest code. Symbols
 * cannot cross to Java: both lists are read as {@code String(key)}.
 */
@NodeTest("test/parallel/test-vm-ownkeys.js")
@Inexpressible(assertion = "after createContext the sandbox itself still lists a, b, sym1, sym2 (Reflect.ownKeys, getOwnPropertyNames, getOwnPropertySymbols)",
        reason = "the sandbox is a Java map copied into the global (D1): it has no symbol keys or non-enumerable entries, and nothing changes it")
class VmOwnKeysTest extends NodeVmTest {

    private static VmContext sandboxContext() {
        VmContext ctx = vm.createContext(Map.of("a", true));
        ctx.globalObject().defineProperty("b", PropertyDescriptor.data(true, false, false, false));
        vm.compile("globalThis[Symbol('1')] = true; Object.defineProperty(globalThis, Symbol('2'), { value: true });").runInContext(ctx);
        return ctx;
    }

    @Test
    @DisplayName("test-vm-ownkeys.js: Reflect.ownKeys(this) in the context, less a new context's keys, is ['a', 'b', sym1, sym2]")
    void ownKeysBeyondANewContextsAreTheSandboxs() {
        @SuppressWarnings("unchecked")
        List<Object> nativeKeys = (List<Object>) vm.compile("Reflect.ownKeys(this).map(String);").runInNewContext(Map.of());
        try (VmContext ctx = sandboxContext()) {
            @SuppressWarnings("unchecked")
            List<Object> ownKeys = (List<Object>) vm.compile("Reflect.ownKeys(this).map(String);").runInContext(ctx);
            assertThat(ownKeys.stream().filter(key -> !nativeKeys.contains(key)).toList()).containsExactly("a", "b", "Symbol(1)", "Symbol(2)");
        }
    }
}
