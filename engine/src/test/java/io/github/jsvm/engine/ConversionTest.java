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
                Arguments.of("new Map([[1, 2]])", Map.of()),
                Arguments.of("new Proxy([1, 2], {})", List.of(1, 2)),
                Arguments.of("new Proxy([1, [2]], { get: (t, k) => k === '0' ? 10 : t[k] })", List.of(10, List.of(2))),
                Arguments.of("new Proxy({ a: 1 }, {})", Map.of("a", 1)),
                Arguments.of("new Date(NaN)", null),
                Arguments.of("({ [Symbol.toStringTag]: 'Date', a: 1 })", Map.of("a", 1)),
                Arguments.of("({ list: [{ when: new Date(0), n: 2n }] })", Map.of("list", List.of(Map.of("when", Instant.EPOCH, "n", BigInteger.TWO)))),
                Arguments.of("[{ a: [null, undefined] }]", List.of(Map.of("a", java.util.Arrays.asList(null, null)))));
    }

    /** Java to guest, every row of the table in the Vm Javadoc, as the guest sees it: typeof and value. */
    static List<Arguments> arguments() {
        return List.of(
                Arguments.of(null, "object:null"),
                Arguments.of(true, "boolean:true"),
                Arguments.of("s", "string:s"),
                Arguments.of('c', "string:c"),
                Arguments.of(7, "number:7"),
                Arguments.of(7L, "number:7"),
                Arguments.of((short) 7, "number:7"),
                Arguments.of((byte) 7, "number:7"),
                Arguments.of(0.5f, "number:0.5"),
                Arguments.of(0.25, "number:0.25"),
                Arguments.of(new BigInteger("123456789012345678901234567890"), "bigint:123456789012345678901234567890"),
                Arguments.of(Map.of("k", List.of(1, Map.of("n", BigInteger.ONE))), "object:{\"k\":[1,{\"n\":\"1n\"}]}"),
                Arguments.of(List.of(Map.of("a", List.of(true))), "object:[{\"a\":[true]}]"),
                Arguments.of(new long[] {1, 2}, "object:[1,2]"),
                Arguments.of(new String[] {"x"}, "object:[\"x\"]"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("arguments")
    void javaValuesAreCopiedIntoTheGuest(Object value, String expected) {
        java.util.HashMap<String, Object> globals = new java.util.HashMap<>();
        globals.put("v", value);
        try (VmContext withValue = vm.createContext(globals)) {
            assertThat(vm.compile("typeof v + ':' + (typeof v === 'object' ? JSON.stringify(v, (k, x) => typeof x === 'bigint' ? x + 'n' : x) : String(v))")
                    .runInContext(withValue)).isEqualTo(expected);
        }
    }

    @Test
    void aRevokedProxyFailsAsReadingItWouldInTheGuest() {
        assertThatThrownBy(() -> eval("(() => { const p = Proxy.revocable([], {}); p.revoke(); return [p.proxy]; })()"))
                .isInstanceOf(JsException.class).hasMessageContaining("revoked");
        assertThat(eval("'still usable'")).isEqualTo("still usable");
    }

    @Test
    void javaValuesThatContainThemselvesKeepTheirShapeInTheGuest() {
        Map<String, Object> map = new java.util.HashMap<>();
        List<Object> list = new java.util.ArrayList<>();
        map.put("self", map);
        map.put("list", list);
        list.add(list);
        list.add(map);
        try (VmContext withCycles = vm.createContext(Map.of("m", map))) {
            assertThat(vm.compile("[m.self === m, m.list[0] === m.list, m.list[1] === m, Object.keys(m).sort().join()]")
                    .runInContext(withCycles)).isEqualTo(List.of(true, true, true, "list,self"));
        }
        Map<String, Object> deep = new java.util.HashMap<>();
        Map<String, Object> current = deep;
        for (int i = 0; i < 2000; i++) {
            Map<String, Object> next = new java.util.HashMap<>();
            current.put("n", next);
            current = next;
        }
        assertThatThrownBy(() -> context.setGlobal("deep", deep)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("nested deeper than 1000 levels").message().hasSizeLessThan(300);
    }

    @Test
    void aJavaLongBeyondTheSafeIntegersBecomesTheNearestNumber() {
        long beyond = (1L << 53) + 1;
        HostFunction widest = args -> Long.MAX_VALUE;
        try (VmContext withLongs = vm.createContext(Map.of("beyond", beyond, "widest", widest, "safe", (1L << 53) - 1))) {
            assertThat(withLongs.global("beyond")).isEqualTo((double) beyond);
            assertThat(vm.compile("[typeof beyond, beyond === 2 ** 53, widest() === 2 ** 63, safe]").runInContext(withLongs))
                    .isEqualTo(List.of("number", true, true, (1L << 53) - 1));
            assertThat(vm.compile("widest()").runInContext(withLongs)).isEqualTo((double) Long.MAX_VALUE);
            withLongs.setGlobal("lowest", Long.MIN_VALUE);
            assertThat(withLongs.global("lowest")).isEqualTo((double) Long.MIN_VALUE);
        }
    }

    @Test
    void aBigIntegerReturnedByAHostFunctionIsABigint() {
        HostFunction big = args -> BigInteger.TWO.pow(80);
        try (VmContext withHost = vm.createContext(Map.of("big", big))) {
            assertThat(vm.compile("const b = big(); [typeof b, b === 2n ** 80n]").runInContext(withHost)).isEqualTo(List.of("bigint", true));
            assertThat(vm.compile("big()").runInContext(withHost)).isEqualTo(BigInteger.TWO.pow(80));
        }
    }

    @Test
    void anInstantIsADateToTheMillisecondAndOneBeyondADatesRangeIsRefused() {
        java.time.Instant moment = java.time.Instant.parse("2026-12-02T10:15:30.123456Z");
        try (VmContext dated = vm.createContext(Map.of("moment", moment))) {
            assertThat(vm.compile("[moment instanceof Date, moment.toISOString()]").runInContext(dated))
                    .isEqualTo(List.of(true, "2026-12-02T10:15:30.123Z"));
            assertThat(dated.global("moment")).isEqualTo(java.time.Instant.parse("2026-12-02T10:15:30.123Z"));
            assertThatThrownBy(() -> dated.setGlobal("far", java.time.Instant.MAX))
                    .isInstanceOf(io.github.jsvm.InvalidArgumentException.class).hasMessageContaining("outside the range of a JavaScript Date");
            assertThatThrownBy(() -> dated.setGlobal("far", java.time.Instant.ofEpochMilli(8_640_000_000_000_001L)))
                    .isInstanceOf(io.github.jsvm.InvalidArgumentException.class);
            dated.setGlobal("last", java.time.Instant.ofEpochMilli(-8_640_000_000_000_000L));
            assertThat(vm.compile("last.getTime()").runInContext(dated)).isEqualTo(-8_640_000_000_000_000L);
        }
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
        Map<String, Object> root = (Map<String, Object>) eval(
                "const shared = [1]; const empty = {}; const o = { shared, again: shared, empty, alsoEmpty: empty }; o.self = o; o");
        assertThat(root.get("self")).isSameAs(root);
        assertThat(root.get("shared")).isSameAs(root.get("again"));
        // An object without members is remembered too when more of the value follows it.
        assertThat(root.get("empty")).isEqualTo(Map.of()).isSameAs(root.get("alsoEmpty"));
    }

    @Test
    void cyclicResultsPrintHashAndCompareWithoutRecursingForever() {
        Object object = eval("(() => { const o = { a: 1, list: [] }; o.self = o; o.list.push(o, o.list); return o; })()");
        assertThat(object.toString()).isEqualTo("{a=1, list=[[Circular], [Circular]], self=[Circular]}");
        Object twin = eval("(() => { const t = { a: 1, list: [] }; t.self = t; t.list.push(t, t.list); return t; })()");
        assertThat(object).isEqualTo(twin).isNotSameAs(twin);
        assertThat(object.hashCode()).isEqualTo(twin.hashCode());
        assertThat(object).isNotEqualTo(eval("(() => { const d = { a: 2, list: [] }; d.self = d; d.list.push(d, d.list); return d; })()"));
        assertThat(object).isNotEqualTo(Map.of("a", 1));
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // the old walk took 2^40 steps
    void resultsSharingValuesAlongManyPathsHashCompareAndPrintInTimeLinearInTheirSize() {
        String doubling = "(() => { let o = [1]; for (let i = 0; i < 40; i++) o = [o, o]; return o; })()";
        Object dag = eval(doubling);
        Object twin = eval(doubling);
        assertThat(dag.hashCode()).isEqualTo(twin.hashCode());
        assertThat(dag).isEqualTo(twin).isNotSameAs(twin);
        assertThat(dag).isNotEqualTo(eval("(() => { let o = [2]; for (let i = 0; i < 40; i++) o = [o, o]; return o; })()"));
        String text = dag.toString();
        assertThat(text).startsWith("[[[[").contains("[1]").contains(CycleGuard.ELIDED);
        assertThat(text.length()).isLessThan(4 * CycleGuard.PRINT_LIMIT);
        Object objects = eval("(() => { let o = { v: 1 }; for (let i = 0; i < 40; i++) o = { l: o, r: o }; return o; })()");
        assertThat(objects.toString()).startsWith("{l={l=").contains(CycleGuard.ELIDED);
        assertThat(objects.hashCode()).isEqualTo(eval("(() => { let o = { v: 1 }; for (let i = 0; i < 40; i++) o = { l: o, r: o }; return o; })()").hashCode());
        // A small shared value prints in full, each occurrence spelled out.
        assertThat(eval("(() => { const s = [1, 2]; return [s, { s }, s]; })()").toString()).isEqualTo("[[1, 2], {s=[1, 2]}, [1, 2]]");
    }

    @Test
    void aGlobalThatIsTheGlobalObjectPrints() {
        try (VmContext umd = vm.createContext()) {
            vm.compile("globalThis.self = globalThis; globalThis.n = 1").runInContext(umd);
            Map<String, Object> globals = umd.globals();
            assertThat(globals.toString()).contains("n=1").contains("self={").contains("[Circular]");
            assertThat(globals.hashCode()).isEqualTo(umd.globals().hashCode());
            assertThat(globals).isEqualTo(umd.globals());
        }
    }

    @Test
    void copiedValuesAreUnmodifiableAndBehaveAsJavaCollections() {
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) eval("[1, { x: [2] }]");
        assertThat(list).isEqualTo(List.of(1, Map.of("x", List.of(2)))).hasSameHashCodeAs(List.of(1, Map.of("x", List.of(2))));
        assertThat(list).isInstanceOf(java.util.RandomAccess.class);
        assertThatThrownBy(() -> list.add(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> list.set(0, 3)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) list.get(1);
        assertThatThrownBy(() -> inner.remove("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inner.entrySet().iterator().next().setValue(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> inner.keySet().clear()).isInstanceOf(UnsupportedOperationException.class);
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
    void anAsyncFunctionsCallReturnsWhatItsPromiseSettlesTo() {
        JsFunction twice = (JsFunction) eval("async (n) => { await null; await Promise.resolve(); return n * 2; }");
        assertThat(twice.call(21)).isEqualTo(42);
        JsFunction rejects = (JsFunction) eval("async () => { await null; throw new RangeError('later'); }");
        assertThatThrownBy(rejects::call).isInstanceOf(JsException.class).hasMessage("RangeError: later");
        JsFunction neverSettles = (JsFunction) eval("async () => { await new Promise(() => {}); return 'unreachable'; }");
        assertThatThrownBy(neverSettles::call).isInstanceOf(JsException.class).hasMessageContaining("pending promise");
        assertThat(eval("1 + 1")).isEqualTo(2); // the context stays usable
        JsFunction returnsAPromise = (JsFunction) eval("() => Promise.resolve(1)");
        assertThat(returnsAPromise.call()).isEqualTo(Map.of());
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
    void theGuestSeesNoHostDetailsOfAHostFunctionsExceptionUnlessTheContextExposesMessages() {
        HostFunction failing = args -> {
            throw new IllegalStateException("host secret");
        };
        HostFunction checked = args -> {
            throw new java.io.IOException("disk secret");
        };
        String probe = "try { failing(); } catch (e) { [String(e), e.name, e.constructor === Error, String(e.stack)].join(' | ') }";
        try (VmContext hiding = vm.createContext(Map.of("failing", failing, "checked", checked))) {
            assertThat(vm.compile("[String(failing), Function.prototype.toString.call(failing), failing.name]").runInContext(hiding))
                    .isEqualTo(List.of("function () { [native code] }", "function () { [native code] }", ""));
            String seen = (String) vm.compile(probe).runInContext(hiding);
            assertThat(seen).startsWith("Error: A host function failed (host error ").contains("| Error | true |")
                    .doesNotContain("secret").doesNotContain("java").doesNotContain("IllegalState").doesNotContain("jsvm-internal");
            // Uncaught, or caught and thrown again, the caller gets the original exception.
            assertThatThrownBy(() -> vm.compile("try { failing(); } catch (e) { throw e; }").runInContext(hiding))
                    .isInstanceOf(IllegalStateException.class).hasMessage("host secret");
            assertThatThrownBy(() -> vm.compile("checked()").runInContext(hiding))
                    .isInstanceOf(io.github.jsvm.VmException.class).hasCauseInstanceOf(java.io.IOException.class);
            // An error the guest makes up with the same text is its own.
            assertThatThrownBy(() -> vm.compile("throw new Error('A host function failed (host error 0000000000000000)')").runInContext(hiding))
                    .isInstanceOf(JsException.class);
        }
        try (VmContext exposing = vm.createContext(Map.of("failing", failing),
                io.github.jsvm.ContextOptions.builder().exposeHostErrorMessages(true).build())) {
            assertThat((String) vm.compile(probe).runInContext(exposing)).startsWith("Error: A host function failed: host secret (host error ")
                    .doesNotContain("IllegalState");
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
