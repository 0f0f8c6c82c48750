package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's check that the own property symbols
 * ({@code Object.getOwnPropertySymbols}) of a context's global object, less those of a new
 * context's, are the sandbox's own: {@code a} (enumerable), {@code b} (defined, so not enumerable), then the symbols
 * {@code sym1} (enumerable) and {@code sym2} (defined). A Java map has neither symbol keys nor
 * non-enumerable entries: the context is created with {@code a}, {@code b} is defined from the host with
 * {@code globalObject().defineProperty} as {@code Object.defineProperty(sandbox, 'b', { value: true })}
 * defines it, and the symbols, which Java cannot name, are put on the global object by guest code. Symbols
 * cannot cross to Java: both lists are read as {@code String(key)}.
 */
@NodeTest("test/parallel/test-vm-ownpropertysymbols.js")
@Inexpressible(assertion = "after createContext the sandbox itself still lists a, b, sym1, sym2 (Reflect.ownKeys, getOwnPropertyNames, getOwnPropertySymbols)",
        reason = "the sandbox is a Java map copied into the global (D1): it has no symbol keys or non-enumerable entries, and nothing changes it")
class VmOwnPropertySymbolsTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-ownpropertysymbols.js: Object.getOwnPropertySymbols(this) in the context, less a new context's symbols, is [sym1, sym2]")
    void ownSymbolsBeyondANewContextsAreTheSandboxs() {
        assertThat(OwnKeysSandbox.keysBeyondANewContexts(vm, "Object.getOwnPropertySymbols(this).map(String);")).containsExactly("Symbol(1)", "Symbol(2)");
    }
}
