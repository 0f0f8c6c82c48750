package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.PropertyDescriptor;
import io.github.jsvm.VmContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's regression test for issue 53346: the global object of a context lists the same keys as the
 * object it was created from: {@code Object.keys}, {@code Object.getOwnPropertyNames} less the built-ins,
 * and {@code Object.getOwnPropertySymbols} less {@code Symbol.toStringTag} (which Node's test leaves out:
 * V8 always sets it on the global, as GraalJS does), for objects with accessors, setters only, no
 * properties, data properties, and non-enumerable properties and symbols.
 *
 * <p>A Java map holds only enumerable data properties: those cases are created from a map; accessors and
 * non-enumerable properties are defined on the fresh context's global object from the host with
 * {@code globalObject().defineProperty}, as the object literal or {@code Object.defineProperty} defines
 * them on Node's sandbox; symbols, which Java cannot name, are defined by guest code. The built-ins left
 * out are the names of a new context's global object (Node's list of intrinsics), which also leaves out
 * the library's hidden bridge global (D11). Each case's three listings are one test.
 */
@NodeTest("test/parallel/test-vm-global-property-enumerator.js")
@Inexpressible(assertion = "cases 4 and 5: instances of classes whose getters or setters are on the prototype list no own keys",
        reason = "a sandbox is a Java map of own properties copied into the global (D1): it has no prototype")
@Inexpressible(assertion = "cases 6 and 7: an array sandbox ([] and [['key', 'value']]) lists its indices and 'length'",
        reason = "a sandbox is a Java map: it cannot be an array")
@Inexpressible(assertion = "case 8: a sandbox whose data properties are all on its prototype lists no own keys",
        reason = "a sandbox is a Java map of own properties copied into the global (D1): it has no prototype")
class VmGlobalPropertyEnumeratorTest extends NodeVmTest {
    private static final HostFunction VALUE = args -> "value";
    private static final HostFunction NOOP = args -> null;

    /** Object.keys, the own names less a new context's, and the own symbols less Symbol.toStringTag, of the context's global. */
    @SuppressWarnings("unchecked")
    private static List<Object> listings(VmContext ctx) {
        List<Object> intrinsics = (List<Object>) vm.compile("Object.getOwnPropertyNames(globalThis)").runInNewContext(Map.of());
        List<Object> names = (List<Object>) vm.compile("Object.getOwnPropertyNames(globalThis)").runInContext(ctx);
        return List.of(vm.compile("Object.keys(globalThis)").runInContext(ctx),
                names.stream().filter(name -> !intrinsics.contains(name)).toList(),
                vm.compile("Object.getOwnPropertySymbols(globalThis).filter((it) => it !== Symbol.toStringTag).map(String)").runInContext(ctx));
    }

    @Test
    @DisplayName("test-vm-global-property-enumerator.js: case 0 (getters for 1 and key): Object.keys, getOwnPropertyNames and getOwnPropertySymbols match the object's")
    void getters() {
        try (VmContext ctx = vm.createContext()) {
            ctx.globalObject().defineProperty("1", PropertyDescriptor.accessor(VALUE, null, true, true));
            ctx.globalObject().defineProperty("key", PropertyDescriptor.accessor(VALUE, null, true, true));
            assertThat(listings(ctx)).containsExactly(List.of("1", "key"), List.of("1", "key"), List.of());
        }
    }

    @Test
    @DisplayName("test-vm-global-property-enumerator.js: case 1 (setters only for key and 1): Object.keys, getOwnPropertyNames and getOwnPropertySymbols match the object's")
    void settersOnly() {
        try (VmContext ctx = vm.createContext()) {
            ctx.globalObject().defineProperty("key", PropertyDescriptor.accessor(null, NOOP, true, true));
            ctx.globalObject().defineProperty("1", PropertyDescriptor.accessor(null, NOOP, true, true));
            assertThat(listings(ctx)).containsExactly(List.of("1", "key"), List.of("1", "key"), List.of());
        }
    }

    @Test
    @DisplayName("test-vm-global-property-enumerator.js: case 2 ({}): Object.keys, getOwnPropertyNames and getOwnPropertySymbols are empty, as the object's")
    void empty() {
        try (VmContext ctx = vm.createContext(Map.of())) {
            assertThat(listings(ctx)).containsExactly(List.of(), List.of(), List.of());
        }
    }

    @Test
    @DisplayName("test-vm-global-property-enumerator.js: case 3 ({ key: 'value', 1: 'value' }): Object.keys, getOwnPropertyNames and getOwnPropertySymbols match the object's")
    void dataProperties() {
        Map<String, Object> sandbox = new LinkedHashMap<>();
        sandbox.put("key", "value");
        sandbox.put("1", "value");
        try (VmContext ctx = vm.createContext(sandbox)) {
            assertThat(listings(ctx)).containsExactly(List.of("1", "key"), List.of("1", "key"), List.of());
        }
    }

    @Test
    @DisplayName("test-vm-global-property-enumerator.js: case 9 (non-enumerable 1 and key, a non-enumerable and an enumerable symbol): Object.keys, getOwnPropertyNames and getOwnPropertySymbols match the object's")
    void nonEnumerablePropertiesAndSymbols() {
        try (VmContext ctx = vm.createContext()) {
            ctx.globalObject().defineProperty("1", PropertyDescriptor.data("value", false, false, true));
            ctx.globalObject().defineProperty("key", PropertyDescriptor.data("value", false, false, true));
            vm.compile("""
                    Object.defineProperty(globalThis, Symbol('symbol'), { value: 'value', enumerable: false, configurable: true });
                    Object.defineProperty(globalThis, Symbol('symbol-enumerable'), { value: 'value', enumerable: true, configurable: true });
                    """).runInContext(ctx);
            assertThat(listings(ctx)).containsExactly(List.of(), List.of("1", "key"), List.of("Symbol(symbol)", "Symbol(symbol-enumerable)"));
        }
    }
}
