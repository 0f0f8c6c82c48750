package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.JsFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's test that a contextified object keeps a symbol-keyed property its prototype's method reads:
 * the method returns the value when called from outside and, as {@code this.getSymbolValue()}, from
 * inside the context. A Java {@code Map} has neither symbol keys nor a prototype, so the context's
 * global object is given them by a first run (the symbol-keyed value on the global, the method on a
 * prototype inserted in its chain); "from outside" is a Java call of the method read back with
 * {@code global}, whose {@code this} is then the global object.
 */
@NodeTest("test/parallel/test-vm-symbols.js")
class VmSymbolsTest {
    private static Vm vm;
    private VmContext context;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void createDocumentContext() {
        context = vm.createContext();
        vm.compile("""
                const symbol = Symbol();
                this[symbol] = 'foo';
                const documentPrototype = Object.create(Object.getPrototypeOf(globalThis));
                documentPrototype.getSymbolValue = function() { return this[symbol]; };
                Object.setPrototypeOf(globalThis, documentPrototype);
                """).runInContext(context);
    }

    @AfterEach
    void closeContext() {
        context.close();
    }

    @Test
    @DisplayName("test-vm-symbols.js: the prototype method returns the symbol-keyed value when called from outside")
    void symbolValueFromOutside() {
        JsFunction getSymbolValue = (JsFunction) context.global("getSymbolValue");
        assertThat(getSymbolValue.call()).isEqualTo("foo");
    }

    @Test
    @DisplayName("test-vm-symbols.js: the prototype method returns the symbol-keyed value when called from inside as this.getSymbolValue()")
    void symbolValueFromInside() {
        assertThat(vm.compile("this.getSymbolValue()").runInContext(context)).isEqualTo("foo");
    }
}
