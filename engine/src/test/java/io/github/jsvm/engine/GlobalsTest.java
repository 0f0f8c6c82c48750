package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.ResourceExhaustedException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GlobalsTest extends SharedVmTest {
    @Test
    void theGlobalObjectHandleDefinesDescribesDeletesAndListsProperties() {
        try (VmContext context = vm.createContext(Map.of("given", 1))) {
            io.github.jsvm.GlobalObject global = context.globalObject();
            global.defineProperty("hidden", io.github.jsvm.PropertyDescriptor.data(42, false, false, false));
            assertThat(vm.compile("hidden").runInContext(context)).isEqualTo(42);
            assertThat(context.globals()).doesNotContainKey("hidden");
            assertThat(global.getOwnPropertyDescriptor("hidden")).contains(io.github.jsvm.PropertyDescriptor.data(42, false, false, false));
            assertThat(global.delete("hidden")).as("not configurable").isFalse();
            assertThatThrownBy(() -> global.defineProperty("hidden", io.github.jsvm.PropertyDescriptor.data(1, true, true, true)))
                    .isInstanceOfSatisfying(io.github.jsvm.JsException.class, e -> assertThat(e.errorName()).isEqualTo("TypeError"));

            io.github.jsvm.HostFunction getter = args -> "computed";
            global.defineProperty("computed", io.github.jsvm.PropertyDescriptor.accessor(getter, null, true, true));
            assertThat(vm.compile("computed").runInContext(context)).isEqualTo("computed");
            io.github.jsvm.PropertyDescriptor described = global.getOwnPropertyDescriptor("computed").orElseThrow();
            assertThat(described.accessor()).isTrue();
            assertThat(described.getter()).as("a host function comes back as itself").isSameAs(getter);
            assertThat(described.setter()).isNull();
            assertThat(global.get("computed")).isEqualTo("computed");

            assertThat(global.hasOwn("given")).isTrue();
            assertThat(global.delete("given")).isTrue();
            assertThat(global.hasOwn("given")).isFalse();
            assertThat(global.getOwnPropertyDescriptor("given")).isEmpty();

            vm.compile("globalThis[Symbol('tag')] = 1; globalThis.later = 2;").runInContext(context);
            List<String> keys = global.ownKeys();
            assertThat(keys).contains("Object", "computed", "later", "hidden").endsWith("Symbol(tag)");
            global.set("later", 3);
            assertThat(global.get("later")).isEqualTo(3);
        }
    }

    @Test
    void descriptorsRefuseMixingDataAndAccessorParts() {
        assertThatThrownBy(() -> new io.github.jsvm.PropertyDescriptor(1, null, null, true, false, true, true))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> new io.github.jsvm.PropertyDescriptor(null, (io.github.jsvm.HostFunction) args -> 1, null, false, true, true, true))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> io.github.jsvm.PropertyDescriptor.accessor("not a function", null, true, true))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void globalsHandedInUnderBuiltInNamesAreEnumerableAndListed() {
        try (VmContext context = vm.createContext(Map.of("console", Map.of("log", "mine"), "Object", 1, "x", 2))) {
            assertThat(context.globals()).isEqualTo(Map.of("console", Map.of("log", "mine"), "Object", 1, "x", 2));
            assertThat(vm.compile("Reflect.getOwnPropertyDescriptor(globalThis, 'console').enumerable").runInContext(context)).isEqualTo(true);
            // A read-only built-in cannot be replaced: a clear error, not the engine's strict-mode TypeError.
            assertThatThrownBy(() -> vm.createContext(Map.of("NaN", 1))).isInstanceOf(InvalidArgumentException.class)
                    .hasMessage("global 'NaN' cannot be set: the context's built-in of that name is read-only");
        }
    }

    @Test
    void writingAReadOnlyGlobalFromTheHostFailsAsInNode() {
        try (VmContext context = vm.createContext()) {
            vm.compile("Object.defineProperty(globalThis, 'fixed', { value: 1, enumerable: true })").runInContext(context);
            assertThatThrownBy(() -> context.setGlobal("fixed", 2)).isInstanceOfSatisfying(io.github.jsvm.JsException.class, e -> {
                assertThat(e.errorName()).isEqualTo("TypeError");
                assertThat(e.errorMessage()).isEqualTo("Cannot redefine property: fixed");
            });
            assertThat(context.global("fixed")).isEqualTo(1);
        }
    }

    @Test
    void javaValuesAppearAsGlobals() {
        Map<String, Object> globals = Map.of(
                "n", 41, "text", "hi", "flag", true, "list", List.of(1, "two", List.of(3)),
                "config", Map.of("depth", 2, "names", List.of("a", "b")));
        try (VmContext context = vm.createContext(globals)) {
            Object result = vm.compile("""
                    [n + 1, text.toUpperCase(), !flag, Array.isArray(list), list[2][0],
                     config.depth * 2, config.names.join('+'), Object.getPrototypeOf(config) === Object.prototype]
                    """).runInContext(context);
            assertThat(result).isEqualTo(List.of(42, "HI", false, true, 3, 4, "a+b", true));
        }
    }

    @Test
    void globalsRoundTripIncludesWhatTheScriptCreatedOrChanged() {
        try (VmContext context = vm.createContext(Map.of("x", 1))) {
            vm.compile("""
                    var declared = 'var';
                    function declaredFn() { return 7; }
                    globalThis.assigned = { nested: [1, 2] };
                    implicit = 3;
                    x = x + 10;
                    let lexical = 'not a global property';
                    const alsoLexical = 1;
                    class NotAProperty {}
                    Object.defineProperty(globalThis, 'hidden', { value: 1, enumerable: false });
                    """).runInContext(context);
            Map<String, Object> globals = context.globals();
            assertThat(globals).containsOnlyKeys("x", "declared", "declaredFn", "assigned", "implicit");
            assertThat(globals).containsEntry("x", 11).containsEntry("declared", "var").containsEntry("implicit", 3);
            assertThat(globals.get("assigned")).isEqualTo(Map.of("nested", List.of(1, 2)));
            assertThat(globals.get("declaredFn")).isInstanceOf(io.github.jsvm.JsFunction.class);
            assertThat(context.global("lexical")).as("top-level let is not a global property").isNull();
            assertThat(context.global("hidden")).isEqualTo(1);
        }
    }

    @Test
    void builtInsAreNotReportedAsGlobals() {
        try (VmContext context = vm.createContext()) {
            assertThat(context.globals()).isEmpty();
        }
    }

    @Test
    void setGlobalCopiesAValueIn() {
        try (VmContext context = vm.createContext()) {
            context.setGlobal("limit", 5);
            assertThat(vm.compile("limit * 2").runInContext(context)).isEqualTo(10);
            assertThat(context.global("limit")).isEqualTo(5);
            assertThat(context.global("absent")).isNull();
        }
    }

    @Test
    void valuesAreCopiesNotLiveViews() {
        java.util.Map<String, Object> mutable = new java.util.HashMap<>(Map.of("a", 1));
        try (VmContext context = vm.createContext(Map.of("obj", mutable))) {
            vm.compile("obj.a = 2; obj.b = 3").runInContext(context);
            assertThat(mutable).isEqualTo(Map.of("a", 1));
            assertThat(context.global("obj")).isEqualTo(Map.of("a", 2, "b", 3));
        }
    }

    @Test
    void pollutedPrototypesDoNotInterceptValuesPassedLater() {
        try (VmContext context = vm.createContext()) {
            vm.compile("""
                    globalThis.stolen = [];
                    Object.defineProperty(Object.prototype, 'secret', { set(v) { stolen.push(v); }, configurable: true });
                    Object.defineProperty(Array.prototype, '0', { set(v) { stolen.push(v); }, configurable: true });
                    Object = null; Array = null;
                    """).runInContext(context);
            context.setGlobal("payload", Map.of("secret", "s3cret", "list", List.of("first")));
            assertThat(vm.compile("[payload.secret, payload.list[0], stolen.length]").runInContext(context))
                    .isEqualTo(List.of("s3cret", "first", 0));
        }
    }

    @Test
    void unsupportedJavaTypesAreRejectedWithTheirPath() {
        assertThatThrownBy(() -> vm.createContext(Map.of("cfg", Map.of("thread", new Object()))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("global 'cfg'.thread")
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> vm.createContext(Map.of("m", Map.of(1, "x"))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("key that is not a String");
    }

    @Test
    void hostileAccessorsOnTheGlobalObjectAreStoppedByTheGivenLimits() {
        try (VmContext context = vm.createContext()) {
            vm.compile("""
                    Object.defineProperty(globalThis, 'trap', { enumerable: true, configurable: true,
                        get() { for (;;) {} }, set(value) { for (;;) {} } });
                    'defined'
                    """).runInContext(context);
            RunOptions quick = RunOptions.withTimeout(Duration.ofMillis(100));
            assertThatThrownBy(() -> context.global("trap", quick)).isInstanceOf(ScriptTimeoutException.class);
            assertThatThrownBy(() -> context.setGlobal("trap", 1, quick)).isInstanceOf(ScriptTimeoutException.class);
            assertThatThrownBy(() -> context.globals(quick)).isInstanceOf(ScriptTimeoutException.class);
            assertThatThrownBy(() -> context.global("trap", RunOptions.builder().cpuTimeLimit(Duration.ofMillis(50)).build()))
                    .isInstanceOfSatisfying(ResourceExhaustedException.class,
                            e -> assertThat(e.resource()).isEqualTo(ResourceExhaustedException.Resource.CPU_TIME));
            assertThat(context.global("Math", quick)).isNotNull();
            assertThat(vm.compile("delete globalThis.trap; 'usable'").runInContext(context)).isEqualTo("usable");
        }
    }

    @Test
    void theOneArgumentFormsUseTheContextsRunOptions() {
        ContextOptions limited = ContextOptions.builder().runOptions(RunOptions.withTimeout(Duration.ofMillis(100))).build();
        try (VmContext context = vm.createContext(Map.of(), limited)) {
            vm.compile("Object.defineProperty(globalThis, 'trap', { get() { for (;;) {} } }); 'defined'").runInContext(context);
            assertThatThrownBy(() -> context.global("trap")).isInstanceOf(ScriptTimeoutException.class);
            assertThatThrownBy(() -> context.global("trap", null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("runOptions must not be null");
        }
    }
}
