package io.github.jsvm.nodecompat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.jsvm.HostFunction;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports Node's checks (GH-45983) that new keys on a context's global object, set from outside or
 * from inside the context, by assignment or by {@code defineProperty}, with string or symbol keys
 * and number or function values, read back, show with {@code in} and in the own-key listings, update,
 * disappear on {@code delete} and can be created again. From Java, the outside is
 * {@code setGlobal}/{@code global}/{@code globals} (string keys, assignment only); the removal, which
 * Java has no call for, runs as guest code.
 */
@NodeTest("test/parallel/test-vm-global-get-own.js")
@Inexpressible(assertion = "assigning and defining symbol-keyed properties on the global object from outside",
        reason = "the Java API names properties by string; symbols appear only as text in GlobalObject.ownKeys()")
class VmGlobalGetOwnTest extends NodeVmTest {
    /**
     * Guest helper run inside the context: for one key and three values, sets (by assignment or by
     * defineProperty), checks the read, 'in' and the own-key listing, updates, deletes and checks the
     * key is gone, sets again and deletes again. Returns the list of failed checks.
     */
    private static final String CHECKER = """
            globalThis.cycle = function (target, key, define, v1, v2, v3) {
              const failures = [];
              const listed = (k) => typeof k === 'string'
                  ? Object.getOwnPropertyNames(target).includes(k)
                  : Object.getOwnPropertySymbols(target).includes(k);
              const put = (v, step) => {
                if (define) {
                  Object.defineProperty(target, key, { value: v, writable: true, enumerable: true, configurable: true });
                } else {
                  target[key] = v;
                }
                if (target[key] !== v) failures.push(step + ': read');
                if (!(key in target)) failures.push(step + ': in');
                if (!listed(key)) failures.push(step + ': listed');
              };
              const remove = (step) => {
                delete target[key];
                if (target[key] !== undefined) failures.push(step + ': read after delete');
                if (key in target) failures.push(step + ': in after delete');
                if (listed(key)) failures.push(step + ': listed after delete');
              };
              put(v1, 'first'); put(v2, 'update'); remove('delete'); put(v3, 'recreate'); remove('delete again');
              return failures;
            };
            globalThis.fun1 = () => 1;
            globalThis.fun2 = () => 2;
            globalThis.fun3 = () => 3;
            """;

    private static void assertCycleFromOutside(String key, Object v1, Object v2, Object v3) {
        try (VmContext ctx = vm.createContext()) {
            setAndCheck(ctx, key, v1);
            setAndCheck(ctx, key, v2);
            deleteAndCheck(ctx, key);
            setAndCheck(ctx, key, v3);
            deleteAndCheck(ctx, key);
        }
    }

    private static void setAndCheck(VmContext ctx, String key, Object value) {
        ctx.setGlobal(key, value);
        if (value instanceof HostFunction) {
            assertThat(ctx.global(key)).isSameAs(value);
        } else {
            assertThat(ctx.global(key)).isEqualTo(value);
        }
        assertThat(ctx.globals()).containsKey(key);
        assertThat(vm.compile("'" + key + "' in this && Object.getOwnPropertyNames(this).includes('" + key + "')")
                .runInContext(ctx)).isEqualTo(true);
    }

    private static void deleteAndCheck(VmContext ctx, String key) {
        vm.compile("delete this['" + key + "']").runInContext(ctx);
        assertThat(ctx.global(key)).isNull();
        assertThat(ctx.globals()).doesNotContainKey(key);
        assertThat(vm.compile("'" + key + "' in this || Object.getOwnPropertyNames(this).includes('" + key + "')")
                .runInContext(ctx)).isEqualTo(false);
    }

    private static List<?> cycleInside(String target, String call) {
        try (VmContext ctx = vm.createContext()) {
            vm.compile(CHECKER).runInContext(ctx);
            return (List<?>) vm.compile("(function () { const t = " + target + "; return " + call + "; }).call(this)")
                    .runInContext(ctx);
        }
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: from outside, a string key assigned numbers is read, listed, updated, deleted and recreated")
    void outsideAssignmentOfNumbers() {
        assertCycleFromOutside("titi", 1, 2, 3);
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: from outside, a string key assigned functions is read, listed, updated, deleted and recreated")
    void outsideAssignmentOfFunctions() {
        HostFunction fun1 = args -> 1;
        HostFunction fun2 = args -> 2;
        HostFunction fun3 = args -> 3;
        assertCycleFromOutside("tata", fun1, fun2, fun3);
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: from outside, a string key assigned a function then numbers is read, listed, updated, deleted and recreated")
    void outsideAssignmentOfFunctionThenNumbers() {
        HostFunction fun1 = args -> 1;
        assertCycleFromOutside("tztz", fun1, 2, 3);
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, defineProperty on this with string keys (numbers, functions, mixed)")
    void insideDefineStringKeysOnGlobal() {
        assertThat(cycleInside("this", """
                [...cycle(t, 'toto', true, 1, 2, 3), ...cycle(t, 'tutu', true, fun1, fun2, fun3),
                 ...cycle(t, 'tyty', true, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, defineProperty on this with symbol keys (numbers, functions, mixed)")
    void insideDefineSymbolKeysOnGlobal() {
        assertThat(cycleInside("this", """
                [...cycle(t, Symbol.for('toto'), true, 1, 2, 3), ...cycle(t, Symbol.for('tutu'), true, fun1, fun2, fun3),
                 ...cycle(t, Symbol.for('tyty'), true, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, assignment on this with string keys (numbers, functions, mixed)")
    void insideAssignStringKeysOnGlobal() {
        assertThat(cycleInside("this", """
                [...cycle(t, 'titi', false, 1, 2, 3), ...cycle(t, 'tata', false, fun1, fun2, fun3),
                 ...cycle(t, 'tztz', false, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, assignment on this with symbol keys (numbers, functions, mixed)")
    void insideAssignSymbolKeysOnGlobal() {
        assertThat(cycleInside("this", """
                [...cycle(t, Symbol.for('titi'), false, 1, 2, 3), ...cycle(t, Symbol.for('tata'), false, fun1, fun2, fun3),
                 ...cycle(t, Symbol.for('tztz'), false, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, defineProperty on a plain object with string keys (numbers, functions, mixed)")
    void insideDefineStringKeysOnObject() {
        assertThat(cycleInside("{}", """
                [...cycle(t, 'toto', true, 1, 2, 3), ...cycle(t, 'tutu', true, fun1, fun2, fun3),
                 ...cycle(t, 'tyty', true, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, defineProperty on a plain object with symbol keys (numbers, functions, mixed)")
    void insideDefineSymbolKeysOnObject() {
        assertThat(cycleInside("{}", """
                [...cycle(t, Symbol.for('toto'), true, 1, 2, 3), ...cycle(t, Symbol.for('tutu'), true, fun1, fun2, fun3),
                 ...cycle(t, Symbol.for('tyty'), true, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, assignment on a plain object with string keys (numbers, functions, mixed)")
    void insideAssignStringKeysOnObject() {
        assertThat(cycleInside("{}", """
                [...cycle(t, 'titi', false, 1, 2, 3), ...cycle(t, 'tata', false, fun1, fun2, fun3),
                 ...cycle(t, 'tztz', false, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: inside the context, assignment on a plain object with symbol keys (numbers, functions, mixed)")
    void insideAssignSymbolKeysOnObject() {
        assertThat(cycleInside("{}", """
                [...cycle(t, Symbol.for('titi'), false, 1, 2, 3), ...cycle(t, Symbol.for('tata'), false, fun1, fun2, fun3),
                 ...cycle(t, Symbol.for('tztz'), false, fun1, 2, 3)]""")).isEmpty();
    }

    @Test
    @DisplayName("test-vm-global-get-own.js: a key defined from outside with defineProperty reads back, is listed, updates, deletes and can be defined again")
    void definedFromOutside() {
        try (VmContext ctx = vm.createContext()) {
            io.github.jsvm.GlobalObject global = ctx.globalObject();
            for (int[] round : new int[][] {{1, 2}, {3, 4}}) {
                for (int value : round) {
                    global.defineProperty("k", io.github.jsvm.PropertyDescriptor.data(value, true, true, true));
                    assertThat(global.get("k")).isEqualTo(value);
                    assertThat(global.hasOwn("k")).isTrue();
                    assertThat(global.ownKeys()).contains("k");
                    assertThat(vm.compile("k").runInContext(ctx)).isEqualTo(value);
                }
                assertThat(global.delete("k")).isTrue();
                assertThat(global.get("k")).isNull();
                assertThat(global.hasOwn("k")).isFalse();
                assertThat(global.ownKeys()).doesNotContain("k");
            }
        }
    }
}
