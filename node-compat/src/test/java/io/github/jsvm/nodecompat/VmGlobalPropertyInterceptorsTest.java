package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Vm;
import io.github.jsvm.VmContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks of the global object's property descriptors: properties of the sandbox keep
 * their attributes when read from inside the context; properties the script defines on the global
 * keep theirs when read from outside; an accessor global can be read and written from both sides;
 * a built-in can be redefined; a configurable sandbox property can be redefined and a
 * non-configurable one cannot. Java maps carry no attributes, so the sandbox's non-default
 * properties (b to f) are defined on the global by a setup run before the checks; Java has no
 * descriptor call, so descriptors are read by guest code.
 */
@NodeTest("test/parallel/test-vm-global-property-interceptors.js")
class VmGlobalPropertyInterceptorsTest {
    private static final String SETUP = """
            globalThis.dSymbol = Symbol('d');
            Object.defineProperties(this, {
              b: { value: 'b' },
              c: { value: 'c', writable: true, enumerable: true },
              [dSymbol]: { value: 'd' },
              e: { value: 'e', configurable: true },
              f: {}
            });
            """;
    private static final String DEFINE_NEW = """
            Object.defineProperty(this, 'h', { value: 'h' });
            Object.defineProperty(this, 'i', {});
            Object.defineProperty(this, 'j', { get() { return 'j'; } });
            let kValue = 0;
            Object.defineProperty(this, 'k', { get() { return kValue; }, set(value) { kValue = value; } });
            """;
    private static Vm vm;
    private VmContext ctx;

    @BeforeAll
    static void createVm() {
        vm = Vm.create();
    }

    @AfterAll
    static void closeVm() {
        vm.close();
    }

    @BeforeEach
    void createContext() {
        ctx = vm.createContext(Map.of("a", "a"));
        vm.compile(SETUP).runInContext(ctx);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    private Object run(String code) {
        return vm.compile(code).runInContext(ctx);
    }

    private Object descriptor(String key) {
        return run("Object.getOwnPropertyDescriptor(this, " + key + ")");
    }

    private static Map<String, Object> data(Object value, boolean writable, boolean enumerable, boolean configurable) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("value", value);
        map.put("writable", writable);
        map.put("enumerable", enumerable);
        map.put("configurable", configurable);
        return map;
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: a plain sandbox property reads from inside as a writable, enumerable, configurable data property")
    void plainSandboxPropertyDescriptor() {
        assertThat(descriptor("'a'")).isEqualTo(data("a", true, true, true));
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: sandbox properties with explicit attributes keep them when read from inside")
    void attributedPropertiesKeepTheirDescriptors() {
        assertThat(descriptor("'b'")).isEqualTo(data("b", false, false, false));
        assertThat(descriptor("'c'")).isEqualTo(data("c", true, true, false));
        assertThat(descriptor("dSymbol")).isEqualTo(data("d", false, false, false));
        assertThat(descriptor("'e'")).isEqualTo(data("e", false, false, true));
        assertThat(descriptor("'f'")).isEqualTo(data(null, false, false, false));
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: an absent property has no descriptor")
    void absentPropertyHasNoDescriptor() {
        assertThat(run("Object.getOwnPropertyDescriptor(this, 'g') === undefined")).isEqualTo(true);
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: data properties the script defines keep their default attributes")
    void scriptDefinedDataPropertiesKeepDefaults() {
        run(DEFINE_NEW);
        assertThat(descriptor("'h'")).isEqualTo(data("h", false, false, false));
        assertThat(descriptor("'i'")).isEqualTo(data(null, false, false, false));
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: a getter-only property the script defines has a getter, no setter, and is neither enumerable nor configurable")
    void scriptDefinedGetterDescriptor() {
        run(DEFINE_NEW);
        @SuppressWarnings("unchecked")
        Map<String, Object> j = (Map<String, Object>) descriptor("'j'");
        assertThat(j.get("get")).isInstanceOf(JsFunction.class);
        assertThat(j).containsEntry("set", null).containsEntry("enumerable", false).containsEntry("configurable", false);
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: a getter-setter property the script defines has both accessors and is neither enumerable nor configurable")
    void scriptDefinedAccessorDescriptor() {
        run(DEFINE_NEW);
        @SuppressWarnings("unchecked")
        Map<String, Object> k = (Map<String, Object>) descriptor("'k'");
        assertThat(k.get("get")).isInstanceOf(JsFunction.class);
        assertThat(k.get("set")).isInstanceOf(JsFunction.class);
        assertThat(k).containsEntry("enumerable", false).containsEntry("configurable", false);
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: the accessor global reads its initial value from outside")
    void accessorReadFromOutside() {
        run(DEFINE_NEW);
        assertThat(ctx.global("k")).isEqualTo(0);
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: writing the accessor global from outside goes through its setter, seen from both sides")
    void accessorWrittenFromOutside() {
        run(DEFINE_NEW);
        ctx.setGlobal("k", 1);
        assertThat(ctx.global("k")).isEqualTo(1);
        assertThat(run("k;")).isEqualTo(1);
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: writing the accessor global from inside is seen from both sides")
    void accessorWrittenFromInside() {
        run(DEFINE_NEW);
        ctx.setGlobal("k", 1);
        run("k = 2;");
        assertThat(ctx.global("k")).isEqualTo(2);
        assertThat(run("k;")).isEqualTo(2);
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: a built-in global is a function inside the context")
    void builtInIsAFunctionInside() {
        assertThat(run("typeof encodeURI;")).isEqualTo("function");
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: a built-in global does not show on the sandbox")
    void builtInReadFromOutside() {
        // The sandbox's contents are globals() (jsvm's global(name) reads any property of the global
        // object, built-ins included: README, difference D4).
        assertThat(ctx.globals()).doesNotContainKey("encodeURI");
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: a built-in redefined on the global reads as the new value from inside and outside")
    void builtInRedefined() {
        run("Object.defineProperty(this, 'encodeURI', { value: 42 });");
        assertThat(run("encodeURI;")).isEqualTo(42);
        assertThat(ctx.global("encodeURI")).isEqualTo(42);
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: a configurable sandbox property can be redefined from inside")
    void configurablePropertyRedefined() {
        run("Object.defineProperty(this, 'e', { value: 'newE' });");
        assertThat(ctx.global("e")).isEqualTo("newE");
    }

    @Test
    @DisplayName("test-vm-global-property-interceptors.js: redefining a non-configurable sandbox property in strict mode throws 'TypeError: Cannot redefine property: f'")
    void nonConfigurablePropertyCannotBeRedefined() {
        JsException error = catchThrowableOfType(JsException.class,
                () -> run("'use strict';\nObject.defineProperty(this, 'f', { value: 'newF' });"));
        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("TypeError: Cannot redefine property: f");
    }
}
