package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's check that the own property names
 * ({@code Object.getOwnPropertyNames}) of a context's global object, less those of a new
 * context's, are the sandbox's own: {@code a} (enumerable), {@code b} (defined, so not enumerable), then the symbols
 * {@code sym1} (enumerable) and {@code sym2} (defined). A Java map has neither symbol keys nor
 * non-enumerable entries: the context is created with {@code a}, {@code b} is defined from the host with
 * {@code globalObject().defineProperty} as {@code Object.defineProperty(sandbox, 'b', { value: true })}
 * defines it, and the symbols, which Java cannot name, are put on the global object by guest code.
 */
@NodeTest("test/parallel/test-vm-ownpropertynames.js")
@Inexpressible(assertion = "after createContext the sandbox itself still lists a, b, sym1, sym2 (Reflect.ownKeys, getOwnPropertyNames, getOwnPropertySymbols)",
        reason = "the sandbox is a Java map copied into the global (D1): it has no symbol keys or non-enumerable entries, and nothing changes it")
class VmOwnPropertyNamesTest extends NodeVmTest {

    @Test
    @DisplayName("test-vm-ownpropertynames.js: Object.getOwnPropertyNames(this) in the context, less a new context's names, is ['a', 'b']")
    void ownNamesBeyondANewContextsAreTheSandboxs() {
        assertThat(OwnKeysSandbox.keysBeyondANewContexts(vm, "Object.getOwnPropertyNames(this);")).containsExactly("a", "b");
    }
}
