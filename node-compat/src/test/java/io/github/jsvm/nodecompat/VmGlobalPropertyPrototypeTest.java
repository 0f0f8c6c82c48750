package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.PropertyDescriptor;
import io.github.jsvm.VmContext;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Node's checks of how a context's global object sees properties of its own and of the context's
 * {@code Object.prototype}: the global's own properties (a data property, a getter, an indexed read-only
 * property) are own, described as defined, {@code in} the global and read back; properties the code puts
 * on its {@code Object.prototype} (a data property, a getter, an indexed read-only one) are not own and
 * have no descriptor, but are {@code in} the global and read through it.
 *
 * <p>Node's sandbox also has a prototype chain of its own ("outer" prototypes, as JSDom's window has);
 * a Java map has none, so the checks of properties on the outer prototype, and of those on both the outer
 * and the inner one, have no counterpart. The sandbox's own properties are the map's {@code oneself} and,
 * as Java cannot put accessors or attributes in a map, {@code onSelfGetter} and the index {@code 1}
 * defined from the host with {@code globalObject().defineProperty}, with {@code Object.defineProperties}'s
 * attributes. The getter is a host function: the descriptor read by the code returns it to Java as the
 * same object, as Node's test compares it to its own getter.
 */
@NodeTest("test/parallel/test-vm-global-property-prototype.js")
@Inexpressible(assertion = "properties on the sandbox's outer prototype (data, getter, indexed) are not own, have no descriptor, are not 'in' the global, yet read through it",
        reason = "a sandbox is a Java map copied into the global (D1): it has no prototype chain")
@Inexpressible(assertion = "properties on both the outer and the inner prototype are not own, have no descriptor, are 'in' the global and read the outer prototype's values",
        reason = "a sandbox is a Java map copied into the global (D1): it has no prototype chain")
class VmGlobalPropertyPrototypeTest extends NodeVmTest {
    private static final HostFunction ON_SELF_GETTER = args -> "onSelfGetter";
    private static final String SCRIPT = """
            Object.prototype.onInnerProto = 'onInnerProto';
            Object.defineProperties(Object.prototype, {
              onInnerProtoGetter: { get() { return 'onInnerProtoGetter'; } },
              2: { value: 'onInnerProtoIndexed', writable: false, enumerable: false, configurable: true },
            });
            const keys = { oneself: 'oneself', onSelfGetter: 'onSelfGetter', onSelfIndexed: 1,
              onInnerProto: 'onInnerProto', onInnerProtoGetter: 'onInnerProtoGetter', onInnerProtoIndexed: 2 };
            const each = (f) => Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, f(key)]));
            ({
              resultHasOwn: each((key) => Object.hasOwn(this, key)),
              resultDesc: each((key) => Object.getOwnPropertyDescriptor(this, key)),
              resultIn: each((key) => key in this),
              resultValue: each((key) => this[key]),
            });
            """;
    private VmContext ctx;
    private Map<String, Map<String, Object>> result;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void runTheScript() {
        ctx = vm.createContext(Map.of("oneself", "oneself"));
        ctx.globalObject().defineProperty("onSelfGetter", PropertyDescriptor.accessor(ON_SELF_GETTER, null, false, false));
        ctx.globalObject().defineProperty("1", PropertyDescriptor.data("onSelfIndexed", false, false, true));
        result = (Map<String, Map<String, Object>>) vm.compile(SCRIPT).runInContext(ctx);
    }

    @AfterEach
    void closeContext() {
        ctx.close();
    }

    private static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private Map<String, Object> result(String name, String... keys) {
        Map<String, Object> part = new HashMap<>();
        for (String key : keys) {
            assertThat(result.get(name)).containsKey(key);
            part.put(key, result.get(name).get(key));
        }
        return part;
    }

    private Map<String, Object> self(String name) {
        return result(name, "oneself", "onSelfGetter", "onSelfIndexed");
    }

    private Map<String, Object> inner(String name) {
        return result(name, "onInnerProto", "onInnerProtoGetter", "onInnerProtoIndexed");
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultHasOwn: the sandbox's own data property, getter and index are own properties of the global")
    void ownPropertiesAreOwn() {
        assertThat(self("resultHasOwn")).isEqualTo(of("oneself", true, "onSelfGetter", true, "onSelfIndexed", true));
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultHasOwn: the inner prototype's data property, getter and index are not own properties")
    void innerPrototypePropertiesAreNotOwn() {
        assertThat(inner("resultHasOwn")).isEqualTo(of("onInnerProto", false, "onInnerProtoGetter", false, "onInnerProtoIndexed", false));
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultDesc: the own properties are described as defined, the getter being the sandbox's own function")
    void ownPropertiesAreDescribedAsDefined() {
        assertThat(self("resultDesc")).isEqualTo(of(
                "oneself", of("value", "oneself", "writable", true, "enumerable", true, "configurable", true),
                "onSelfGetter", of("get", ON_SELF_GETTER, "set", null, "enumerable", false, "configurable", false),
                "onSelfIndexed", of("value", "onSelfIndexed", "writable", false, "enumerable", false, "configurable", true)));
        @SuppressWarnings("unchecked")
        Map<String, Object> getter = (Map<String, Object>) result.get("resultDesc").get("onSelfGetter");
        assertThat(getter.get("get")).isSameAs(ON_SELF_GETTER);
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultDesc: the inner prototype's properties have no own descriptor (undefined)")
    void innerPrototypePropertiesHaveNoDescriptor() {
        assertThat(inner("resultDesc")).isEqualTo(of("onInnerProto", null, "onInnerProtoGetter", null, "onInnerProtoIndexed", null));
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultIn: the own properties are 'in' the global")
    void ownPropertiesAreIn() {
        assertThat(self("resultIn")).isEqualTo(of("oneself", true, "onSelfGetter", true, "onSelfIndexed", true));
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultIn: the inner prototype's properties are 'in' the global")
    void innerPrototypePropertiesAreIn() {
        assertThat(inner("resultIn")).isEqualTo(of("onInnerProto", true, "onInnerProtoGetter", true, "onInnerProtoIndexed", true));
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultValue: the own properties read their values")
    void ownPropertiesReadTheirValues() {
        assertThat(self("resultValue")).isEqualTo(of("oneself", "oneself", "onSelfGetter", "onSelfGetter", "onSelfIndexed", "onSelfIndexed"));
    }

    @Test
    @DisplayName("test-vm-global-property-prototype.js: resultValue: the inner prototype's properties read through the global")
    void innerPrototypePropertiesReadThrough() {
        assertThat(inner("resultValue")).isEqualTo(of("onInnerProto", "onInnerProto", "onInnerProtoGetter", "onInnerProtoGetter",
                "onInnerProtoIndexed", "onInnerProtoIndexed"));
    }
}
