package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.HostFunction;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.VmContext;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConversionTest extends SharedVmTest {
    private static VmContext context;

    @BeforeAll
    static void createContext() {
        context = vm.createContext();
    }

    private static Object eval(String code) {
        return vm.compile(code).runInContext(context);
    }

    static List<Arguments> results() {
        return List.of(
                Arguments.of("undefined", null),
                Arguments.of("null", null),
                Arguments.of("true", true),
                Arguments.of("42", 42),
                Arguments.of("-0.5", -0.5),
                Arguments.of("2 ** 40", 1L << 40),
                Arguments.of("2 ** 60", Math.pow(2, 60)),
                Arguments.of("1 / 0", Double.POSITIVE_INFINITY),
                Arguments.of("5n", BigInteger.valueOf(5)),
                Arguments.of("2n ** 70n", BigInteger.TWO.pow(70)),
                Arguments.of("'text'", "text"),
                Arguments.of("Symbol('tag')", "Symbol(tag)"),
                Arguments.of("[1, 'a', [true]]", List.of(1, "a", List.of(true))),
                Arguments.of("({ b: 1, a: { c: [] } })", Map.of("b", 1, "a", Map.of("c", List.of()))),
                Arguments.of("new Date(0)", Instant.EPOCH),
                Arguments.of("new Map([[1, 2]])", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("results")
    void resultsAreConvertedToJava(String code, Object expected) {
        assertThat(eval(code)).isEqualTo(expected);
    }

    @Test
    void objectsKeepPropertyOrder() {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) eval("({ z: 1, a: 2, m: 3 })");
        assertThat(map.keySet()).containsExactly("z", "a", "m");
        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void cyclesAndSharedReferencesKeepTheirShape() {
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) eval("const shared = [1]; const o = { shared, again: shared }; o.self = o; o");
        assertThat(root.get("self")).isSameAs(root);
        assertThat(root.get("shared")).isSameAs(root.get("again"));
    }

    @Test
    void functionsBecomeCallableHandlesBoundToTheirContext() {
        JsFunction add = (JsFunction) eval("(a, b) => a + b + (globalThis.bias || 0)");
        assertThat(add.call(1, 2)).isEqualTo(3);
        context.setGlobal("bias", 10);
        assertThat(add.call(1, 2)).isEqualTo(13);
        assertThat(add.context()).isSameAs(context);
        JsFunction thrower = (JsFunction) eval("() => { throw new RangeError('nope'); }");
        assertThatThrownBy(thrower::call).isInstanceOf(JsException.class).hasMessage("RangeError: nope");
    }

    @Test
    void hostFunctionsCanBeCalledFromTheGuest() {
        HostFunction sum = args -> args.stream().mapToInt(a -> (Integer) a).sum();
        try (VmContext withHost = vm.createContext(Map.of("sum", sum))) {
            assertThat(vm.compile("sum(1, 2, 3) * 2").runInContext(withHost)).isEqualTo(12);
            assertThat(withHost.global("sum")).isSameAs(sum);
        }
    }

    @Test
    void hostFunctionExceptionsCanBeCaughtOrReachTheCaller() {
        HostFunction failing = args -> {
            throw new IllegalStateException("host says no");
        };
        try (VmContext withHost = vm.createContext(Map.of("failing", failing))) {
            assertThat(vm.compile("try { failing(); 'not caught' } catch (e) { 'caught' }").runInContext(withHost))
                    .isEqualTo("caught");
            assertThatThrownBy(() -> vm.compile("failing()").runInContext(withHost))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("host says no");
        }
    }

    @Test
    void functionsCannotMoveBetweenContexts() {
        JsFunction function = (JsFunction) eval("() => 1");
        try (VmContext other = vm.createContext()) {
            assertThatThrownBy(() -> other.setGlobal("f", function))
                    .isInstanceOf(InvalidArgumentException.class)
                    .hasMessageContaining("another context");
        }
    }

    @Test
    void resultsTooLargeToConvertFailWithATypedError() {
        assertThatThrownBy(() -> eval("const big = []; big.length = 2 ** 31 - 10; big"))
                .isInstanceOf(io.github.jsvm.VmException.class)
                .hasMessageContaining("too large to convert");
        assertThat(eval("'context still usable'")).isEqualTo("context still usable");
    }

    @Test
    void javaArraysAndCharactersAreCopied() {
        try (VmContext withArrays = vm.createContext(Map.of("ints", new int[] {1, 2}, "c", 'x'))) {
            assertThat(vm.compile("[ints.length, ints[1], c]").runInContext(withArrays)).isEqualTo(List.of(2, 2, "x"));
        }
    }
}
