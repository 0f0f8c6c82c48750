package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.HostFunction;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks (GH-42962) of writing the global object from outside the context when the
 * contextified object has accessor, data and read-only properties: the descriptors read back as
 * defined, assigning an accessor goes through its setter (which may ignore a function value, or
 * throw), a data property or an unknown key takes the value, and a read-only property refuses it
 * with a {@code TypeError}; every accessor runs exactly once. Java cannot put accessors on a map:
 * a setup run defines them on the global object, counting their calls; descriptors are read by
 * guest code; the outside writes and reads are {@code setGlobal} and {@code global}.
 */
@NodeTest("test/parallel/test-vm-global-setter.js")
@Inexpressible(assertion = "assigning and reading symbol-keyed accessor, data and unknown properties from outside (sym-1 to sym-4)",
        reason = "the Java API names globals by string; a symbol key cannot be expressed")
class VmGlobalSetterTest {
    private static final String SETUP = """
            globalThis.calls = {};
            const counted = (name, fn) => function (...args) { calls[name] = (calls[name] || 0) + 1; return fn(...args); };
            const accessor = (name, value, setter) => ({
              get: counted(name + ' get', () => value), set: counted(name + ' set', setter || (() => {})), configurable: true });
            globalThis.sym1 = Symbol('sym-1');
            globalThis.sym2 = Symbol('sym-2');
            globalThis.sym3 = Symbol('sym-3');
            globalThis.sym4 = Symbol('sym-4');
            Object.defineProperty(this, 'getSetPropReceivingFunction', accessor('getSetPropReceivingFunction', 42));
            Object.defineProperty(this, 'getSetPropReceivingNumber', accessor('getSetPropReceivingNumber', 43));
            this.propReceivingNumber = 44;
            Object.defineProperty(this, sym1, accessor('sym1', 46));
            Object.defineProperty(this, sym2, accessor('sym2', 47));
            this[sym3] = 48;
            Object.defineProperty(this, 'getSetPropThrowing',
                accessor('getSetPropThrowing', 50, () => { throw new Error('setter called'); }));
            Object.defineProperty(this, 'nonWritableProp', { value: 51, writable: false });
            """;
    private static Vm vm;
    private VmContext window;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void createWindow() {
        window = vm.createContext();
        vm.compile(SETUP).runInContext(window);
    }

    @AfterEach
    void closeWindow() {
        window.close();
    }

    private Object run(String code) {
        return vm.compile(code).runInContext(window);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> descriptor(String key) {
        return (Map<String, Object>) run("Object.getOwnPropertyDescriptor(this, " + key + ")");
    }

    private void assertConfigurableAccessor(String key) {
        Map<String, Object> descriptor = descriptor(key);
        assertThat(descriptor.get("get")).isInstanceOf(JsFunction.class);
        assertThat(descriptor.get("set")).isInstanceOf(JsFunction.class);
        assertThat(descriptor).containsEntry("configurable", true);
    }

    private Object calls(String name) {
        return run("calls['" + name + "'] || 0");
    }

    @Test
    @DisplayName("test-vm-global-setter.js: the string-keyed accessors read back as configurable getter-setter pairs")
    void stringAccessorDescriptors() {
        assertConfigurableAccessor("'getSetPropReceivingFunction'");
        assertConfigurableAccessor("'getSetPropReceivingNumber'");
        assertConfigurableAccessor("'getSetPropThrowing'");
    }

    @Test
    @DisplayName("test-vm-global-setter.js: the string-keyed data property reads back with its value, an unknown key has no descriptor")
    void stringDataDescriptors() {
        assertThat(descriptor("'propReceivingNumber'")).containsEntry("value", 44);
        assertThat(run("Object.getOwnPropertyDescriptor(this, 'unknownPropReceivingNumber') === undefined")).isEqualTo(true);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: the symbol-keyed accessors read back as configurable getter-setter pairs")
    void symbolAccessorDescriptors() {
        assertConfigurableAccessor("sym1");
        assertConfigurableAccessor("sym2");
    }

    @Test
    @DisplayName("test-vm-global-setter.js: the symbol-keyed data property reads back with its value, an unknown symbol has no descriptor")
    void symbolDataDescriptors() {
        assertThat(descriptor("sym3")).containsEntry("value", 48);
        assertThat(run("Object.getOwnPropertyDescriptor(this, sym4) === undefined")).isEqualTo(true);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: the read-only property reads back with its value and not writable")
    void nonWritableDescriptor() {
        assertThat(descriptor("'nonWritableProp'")).containsEntry("value", 51).containsEntry("writable", false);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: assigning a function to an accessor whose setter ignores it does not throw; the getter's value reads back (GH-42962)")
    void functionAssignedToAccessor() {
        HostFunction value = args -> null;
        window.setGlobal("getSetPropReceivingFunction", value);
        assertThat(window.global("getSetPropReceivingFunction")).isEqualTo(42);
        assertThat(List.of(calls("getSetPropReceivingFunction get"), calls("getSetPropReceivingFunction set")))
                .containsExactly(1, 1);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: assigning a number to an accessor whose setter ignores it reads back the getter's value")
    void numberAssignedToAccessor() {
        window.setGlobal("getSetPropReceivingNumber", 143);
        assertThat(window.global("getSetPropReceivingNumber")).isEqualTo(43);
        assertThat(List.of(calls("getSetPropReceivingNumber get"), calls("getSetPropReceivingNumber set")))
                .containsExactly(1, 1);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: assigning a data property from outside replaces its value")
    void numberAssignedToDataProperty() {
        window.setGlobal("propReceivingNumber", 144);
        assertThat(window.global("propReceivingNumber")).isEqualTo(144);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: assigning an unknown key from outside creates it with the value")
    void numberAssignedToUnknownKey() {
        window.setGlobal("unknownPropReceivingNumber", 145);
        assertThat(window.global("unknownPropReceivingNumber")).isEqualTo(145);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: assigning an accessor whose setter throws rethrows 'Error: setter called'; the getter's value is unchanged")
    void throwingSetter() {
        JsException error = catchThrowableOfType(JsException.class, () -> window.setGlobal("getSetPropThrowing", 150));
        assertThat(error).isNotNull();
        assertThat(error.errorName()).isEqualTo("Error");
        assertThat(error.errorMessage()).isEqualTo("setter called");
        assertThat(window.global("getSetPropThrowing")).isEqualTo(50);
        assertThat(List.of(calls("getSetPropThrowing get"), calls("getSetPropThrowing set"))).containsExactly(1, 1);
    }

    @Test
    @DisplayName("test-vm-global-setter.js: assigning the read-only property from outside throws 'TypeError: Cannot redefine property: nonWritableProp'")
    void readOnlyPropertyRefusesAssignment() {
        JsException error = catchThrowableOfType(JsException.class, () -> window.setGlobal("nonWritableProp", 151));
        assertThat(error).isNotNull();
        assertThat(error.errorName()).isEqualTo("TypeError");
        assertThat(error.errorMessage()).isEqualTo("Cannot redefine property: nonWritableProp");
    }

    @Test
    @DisplayName("test-vm-global-setter.js: after the refused assignment the read-only property keeps its value")
    void readOnlyPropertyKeepsItsValue() {
        catchThrowableOfType(JsException.class, () -> window.setGlobal("nonWritableProp", 151));
        assertThat(window.global("nonWritableProp")).isEqualTo(51);
    }
}
