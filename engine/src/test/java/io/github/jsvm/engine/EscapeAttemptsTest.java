package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.ContextBusyException;
import io.github.jsvm.ContextOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.JsException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attempts to get out of the sandbox, grouped by kind. Each asserts the specific outcome: the
 * thing is absent, the attempt throws a named guest error, or it stays inside the context.
 */
class EscapeAttemptsTest extends SharedVmTest {

    private static Object run(VmContext context, String code) {
        return vm.compile(code).runInContext(context);
    }

    private static Object runFresh(String code) {
        try (VmContext context = vm.createContext()) {
            return run(context, code);
        }
    }

    /** Reaching Java classes, the polyglot API or engine internals. */
    @Nested
    class HostAndPolyglotAccess {
        @ParameterizedTest
        @ValueSource(strings = {"Java", "Packages", "java", "javax", "com", "org", "Polyglot", "Graal", "MLE", "Debug",
                "load", "loadWithNewGlobal", "print", "printErr", "quit", "exit", "readline", "read", "readbuffer",
                "require", "process", "module", "exports", "Worker", "setTimeout", "Realm", "TestV8", "JavaImporter", "arguments"})
        void gatewaysAreAbsent(String name) {
            assertThat(runFresh("typeof globalThis['" + name + "']")).as(name).isEqualTo("undefined");
        }

        @Test
        void globalNamesListNoHostGateway() {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) runFresh("Object.getOwnPropertyNames(globalThis)");
            assertThat(names).doesNotContain("Java", "Packages", "Polyglot", "Graal", "MLE", "load", "print", "arguments");
            // The module bridge is an own property (non-enumerable, frozen, its calls validated: see SyntheticModuleTest).
            assertThat(names).filteredOn(name -> name.startsWith("$jsvm$")).hasSize(1);
            assertThat(runFresh("Object.keys(globalThis).filter((name) => name.startsWith('$jsvm$')).length")).isEqualTo(0);
        }
    }

    /** Host objects handed in: what the guest can reach from them. */
    @Nested
    class HostObjectsHandedIn {
        @Test
        void aHostFunctionExposesNoJavaSurface() {
            HostFunction echo = args -> args.get(0);
            try (VmContext context = vm.createContext(Map.of("echo", echo))) {
                Object outcome = run(context, """
                        [typeof echo.getClass, typeof echo.class, typeof echo.hashCode, typeof echo.invoke,
                         Object.keys(echo).length, echo('x'), echo.call(null, 'via call'),
                         Object.getPrototypeOf(echo).constructor('return typeof Java')()]""");
                assertThat(outcome).isEqualTo(List.of("undefined", "undefined", "undefined", "undefined", 0, "x", "via call", "undefined"));
            }
        }

        @Test
        void javaCollectionsArriveAsPlainCopies() {
            Map<String, Object> original = new HashMap<>(Map.of("list", new ArrayList<>(List.of(1, 2))));
            try (VmContext context = vm.createContext(Map.of("data", original))) {
                Object outcome = run(context, """
                        data.list.push(3); data.injected = true;
                        [Object.getPrototypeOf(data) === Object.prototype, Array.isArray(data.list), typeof data.getClass,
                         typeof data.list.getClass, typeof data.put]""");
                assertThat(outcome).isEqualTo(List.of(true, true, "undefined", "undefined", "undefined"));
                assertThat(original).isEqualTo(Map.of("list", List.of(1, 2)));
            }
        }

        @Test
        void valuesReturnedFromHostFunctionsAreCopiesToo() {
            HostFunction config = args -> Map.of("secret", List.of("a"));
            try (VmContext context = vm.createContext(Map.of("config", config))) {
                assertThat(run(context, "const c = config(); [typeof c.getClass, typeof c.secret.getClass, c.secret[0]]"))
                        .isEqualTo(List.of("undefined", "undefined", "a"));
            }
        }

        @Test
        void valuesAHostFunctionCannotConvertShowTheGuestNoHostClass() {
            HostFunction returnsUnconvertible = args -> new java.util.concurrent.atomic.AtomicInteger(7);
            HostFunction takesAnything = args -> args.size();
            try (VmContext context = vm.createContext(Map.of("returnsUnconvertible", returnsUnconvertible, "takesAnything", takesAnything))) {
                Object seen = run(context, """
                        const seen = [];
                        try { returnsUnconvertible(); } catch (e) { seen.push(e.name + ' | ' + e.message); }
                        try { takesAnything(new Array(20000000).fill(0)); } catch (e) { seen.push(e.name + ' | ' + e.message); }
                        seen""");
                assertThat((List<?>) seen).hasSize(2);
                assertThat((String) ((List<?>) seen).get(0)).startsWith("Error | ").contains("(host error ")
                        .doesNotContain("java.", "io.github", "AtomicInteger", "Lambda");
                assertThat((String) ((List<?>) seen).get(1)).startsWith("TypeError | The arguments of a host function cannot be copied")
                        .doesNotContain("java.", "io.github");
                // Uncaught, the run's caller learns what the host function returned.
                assertThatThrownBy(() -> run(context, "returnsUnconvertible()")).isInstanceOf(VmException.class)
                        .hasStackTraceContaining("AtomicInteger");
            }
        }

        @Test
        void aJavaErrorThrownByHostCodeShowsTheGuestNeitherItsClassNorItsMessage() {
            HostFunction asserting = args -> {
                throw new AssertionError("jdbc://10.0.0.5 password=x");
            };
            HostFunction overflowing = args -> {
                throw new StackOverflowError("deep in the host");
            };
            ImportModuleDynamically hook = (specifier, referrer, attributes) -> {
                throw new LinkageError("hook secret");
            };
            try (VmContext context = vm.createContext(Map.of("asserting", asserting, "overflowing", overflowing))) {
                Object seen = run(context, """
                        const seen = [];
                        for (const f of [asserting, overflowing]) {
                          try { f(); } catch (e) { seen.push(e.name + ' | ' + e.message); }
                        }
                        seen""");
                vm.compile("import('x').catch((e) => { globalThis.hooked = e.name + ' | ' + e.message; })",
                        ScriptOptions.builder().importModuleDynamically(hook).build()).runInContext(context);
                List<Object> all = new ArrayList<>((List<?>) seen);
                all.add(context.global("hooked"));
                assertThat(all).hasSize(3).allSatisfy(message -> assertThat((String) message)
                        .startsWith("Error | ").contains("(host error ")
                        .doesNotContain("java.", "password", "deep in the host", "hook secret"));
                // Uncaught, the run's caller gets the Error itself, wrapped, not a heap exhaustion.
                assertThatThrownBy(() -> run(context, "overflowing()")).isInstanceOf(VmException.class)
                        .isNotInstanceOf(io.github.jsvm.ResourceExhaustedException.class)
                        .hasCauseInstanceOf(StackOverflowError.class);
            }
        }

        @Test
        void aJavaObjectWithoutAJavaScriptCounterpartIsRefused() {
            assertThatThrownBy(() -> vm.createContext(Map.of("thread", Thread.currentThread())))
                    .isInstanceOf(io.github.jsvm.InvalidArgumentException.class).hasMessageContaining("java.lang.Thread");
            HostFunction leaky = args -> new Object();
            try (VmContext context = vm.createContext(Map.of("leaky", leaky))) {
                assertThatThrownBy(() -> run(context, "leaky()"))
                        .isInstanceOf(io.github.jsvm.InvalidArgumentException.class).hasMessageContaining("java.lang.Object");
            }
        }
    }

    /** Constructor chains and code generation. */
    @Nested
    class ConstructorChains {
        @Test
        void theFunctionConstructorOnlyReachesTheSameContextsGlobal() {
            try (VmContext context = vm.createContext(Map.of("marker", "inside"))) {
                assertThat(run(context, "this.constructor.constructor('return this')().marker")).isEqualTo("inside");
                assertThat(run(context, "(() => {}).constructor('return typeof Java')()")).isEqualTo("undefined");
                assertThat(run(context, "Object.getPrototypeOf(async function () {}).constructor('return 1')().constructor.name"))
                        .isEqualTo("Promise");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"eval('1')", "new Function('return 1')()", "this.constructor.constructor('return 1')()",
                "Object.getPrototypeOf(async function () {}).constructor('return 1')",
                "Object.getPrototypeOf(function* () {}).constructor('yield 1')", "(0, eval)('1')",
                "Reflect.construct(Function, ['return 1'])()"})
        void everyCodeGenerationPathIsClosedWhenDisabled(String attempt) {
            try (VmContext strict = vm.createContext(Map.of(), ContextOptions.builder().codeGenerationFromStrings(false).build())) {
                assertThatThrownBy(() -> run(strict, attempt)).as(attempt)
                        .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("EvalError"));
            }
        }
    }

    /** Prototype pollution must stay in the context that did it. */
    @Nested
    class PrototypePollution {
        @Test
        void pollutingBuiltInsInOneContextDoesNotReachAnother() {
            try (VmContext polluter = vm.createContext(); VmContext victim = vm.createContext()) {
                run(polluter, "Object.prototype.polluted = 'yes'; Array.prototype.map = () => 'hijacked'; JSON.parse = () => 'hijacked';");
                assertThat(run(victim, "[({}).polluted, [1].map((x) => x * 2), JSON.parse('2')]"))
                        .isEqualTo(java.util.Arrays.asList(null, List.of(2), 2));
            }
        }

        @Test
        void pollutionDoesNotChangeWhatTheHostReceivesOrSends() {
            try (VmContext context = vm.createContext()) {
                run(context, """
                        Object.defineProperty(Object.prototype, 'injected', { get() { throw new Error('trap'); }, enumerable: true });
                        Object.defineProperty(Array.prototype, '0', { set(v) { globalThis.stolen = v; }, configurable: true });
                        Object.prototype.toJSON = () => 'hijacked';
                        """);
                context.setGlobal("fromHost", Map.of("items", List.of("secret")));
                assertThat(run(context, "[typeof stolen, fromHost.items[0], Object.keys(fromHost).join()]"))
                        .isEqualTo(List.of("undefined", "secret", "items"));
                assertThat(run(context, "({ plain: [1] })")).isEqualTo(Map.of("plain", List.of(1)));
            }
            try (VmContext context = vm.createContext()) {
                // What building an array of the host's list might consult: species, constructor, a setter behind the prototype.
                run(context, """
                        class Fake { constructor() { globalThis.constructed = true; return {}; } }
                        Array.prototype.constructor = Fake;
                        Object.defineProperty(Array, Symbol.species, { get() { globalThis.species = true; return Fake; } });
                        Object.setPrototypeOf(Array.prototype, new Proxy({}, {
                          set() { globalThis.trapped = true; return true; },
                          defineProperty() { globalThis.trapped = true; return true; },
                        }));
                        """);
                context.setGlobal("fromHost", List.of("a", "b"));
                assertThat(run(context, "[Array.isArray(fromHost), fromHost.length, fromHost[1], typeof constructed, typeof species, typeof trapped]"))
                        .isEqualTo(List.of(true, 2, "b", "undefined", "undefined", "undefined"));
            }
        }
    }

    /** Stack-trace hooks must not run host-side or change what the host reports. */
    @Nested
    class StackTraceHooks {
        @Test
        void prepareStackTraceAndCaptureStackTraceDoNotFoolTheHost() {
            try (VmContext context = vm.createContext()) {
                Script script = vm.compile("""
                        Error.prepareStackTrace = () => { throw new Error('from the hook'); };
                        function inner() { throw new TypeError('real'); }
                        inner();
                        """, ScriptOptions.builder().filename("hooked.js").build());
                assertThatThrownBy(() -> script.runInContext(context)).isInstanceOfSatisfying(JsException.class, e -> {
                    assertThat(e.errorName()).isEqualTo("TypeError");
                    assertThat(e.errorMessage()).isEqualTo("real");
                    assertThat(e.frames()).first().satisfies(frame -> assertThat(frame.filename()).isEqualTo("hooked.js"));
                });
                // As in Node, the guest decides how many frames its errors capture; name and message stay exact.
                assertThatThrownBy(() -> run(context, "Error.stackTraceLimit = 0; throw new RangeError('no frames')"))
                        .isInstanceOfSatisfying(JsException.class, e -> {
                            assertThat(e.errorName()).isEqualTo("RangeError");
                            assertThat(e.errorMessage()).isEqualTo("no frames");
                            assertThat(e.frames()).isEmpty();
                        });
            }
        }

        @Test
        void v8sStackTraceApiIsThereAsInNodeAndItsCallSitesShowNoHostFrameOrObject() {
            HostFunction hostValue = args -> 1;
            try (VmContext context = vm.createContext(Map.of("hostValue", hostValue))) {
                Object seen = vm.compile("""
                        const sites = [];
                        Error.prepareStackTrace = (error, callSites) => {
                          for (const site of callSites) {
                            sites.push([typeof site.getThis(), typeof site.getFunction(), String(site.getFileName()),
                                String(site.getFunctionName()), site.isNative()].join(' '));
                          }
                          return 'prepared';
                        };
                        const holder = {};
                        function where() { hostValue(); Error.captureStackTrace(holder); return holder.stack; }
                        const stack = [1].map(where)[0];
                        [typeof Error.captureStackTrace, stack, sites.join('; ')]
                        """, ScriptOptions.builder().filename("sites.js").build()).runInContext(context);
                List<?> result = (List<?>) seen;
                assertThat(result.get(0)).isEqualTo("function");
                assertThat(result.get(1)).isEqualTo("prepared");
                assertThat((String) result.get(2)).contains("sites.js").doesNotContain("java").doesNotContain("Host")
                        .doesNotContain("io.github");
            }
        }

        @Test
        void errorsWithHostileAccessorsStillReachTheHostAsErrors() {
            try (VmContext context = vm.createContext()) {
                assertThatThrownBy(() -> run(context, """
                        const e = new Error('x');
                        Object.defineProperty(e, 'message', { get() { for (;;) {} } });
                        Object.defineProperty(e, 'name', { get() { throw new Error('nope'); } });
                        throw e;
                        """)).isInstanceOf(VmException.class);
            }
        }
    }

    /** Proxies and getters the host would touch while converting results. */
    @Nested
    class TrapsOnTheHostSide {
        @Test
        void aProxyResultWhoseTrapsThrowBecomesATypedError() {
            try (VmContext context = vm.createContext()) {
                assertThatThrownBy(() -> run(context, "new Proxy({}, { ownKeys() { throw new Error('trap'); } })"))
                        .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorMessage()).isEqualTo("trap"));
                assertThatThrownBy(() -> run(context, "({ get bomb() { throw new RangeError('getter'); } })"))
                        .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("RangeError"));
                assertThat(run(context, "'still usable'")).isEqualTo("still usable");
            }
        }

        @Test
        void aRevokedProxyResultIsATypedError() {
            try (VmContext context = vm.createContext()) {
                assertThatThrownBy(() -> run(context, "const { proxy, revoke } = Proxy.revocable({}, {}); revoke(); proxy"))
                        .isInstanceOf(VmException.class);
            }
        }
    }

    /** Calling back into a context from inside its own run. */
    @Nested
    class ReEntrancy {
        @Test
        void aHostFunctionRunningCodeInItsOwnContextIsRefused() {
            AtomicReference<VmContext> self = new AtomicReference<>();
            HostFunction reenter = args -> vm.compile("1").runInContext(self.get());
            try (VmContext context = vm.createContext(Map.of("reenter", reenter))) {
                self.set(context);
                assertThatThrownBy(() -> run(context, "reenter()")).isInstanceOf(ContextBusyException.class);
                assertThat(run(context, "2")).isEqualTo(2);
            }
        }

        @Test
        void anImportHookRunningCodeInTheImportingContextRejectsTheImport() {
            try (VmContext context = vm.createContext()) {
                ImportModuleDynamically reentrant = (specifier, referrer, attributes) -> vm.compile("1").runInContext(context);
                vm.compile("globalThis.outcome = 'pending'; import('x').then(() => { outcome = 'loaded'; }, (e) => { outcome = e.message; })",
                        ScriptOptions.builder().importModuleDynamically(reentrant).build()).runInContext(context);
                // The guest learns only that the hook failed; the ContextBusyException is logged with the id.
                assertThat((String) context.global("outcome")).startsWith("The import hook of ").contains("failed for 'x' (host error ");
                assertThat(run(context, "3")).isEqualTo(3);
            }
        }
    }

    /**
     * {@code data:} URL imports, which GraalJS resolves itself before any hook: none of their code
     * may run, with or without hooks and code generation.
     */
    @Nested
    class DataUrlImports {
        private static final String IMPORT_OUTCOME = "globalThis.ran = false; globalThis.outcome = 'pending';"
                + " import(%s).then((m) => { outcome = 'loaded ' + m.default; }, (e) => { outcome = 'rejected: ' + e.message; });";

        private Object outcome(VmContext context, String specifierExpression, ScriptOptions options) {
            vm.compile(IMPORT_OUTCOME.formatted(specifierExpression), options).runInContext(context);
            return context.global("outcome");
        }

        private static final String CODE = "globalThis.ran = true; export default 1";

        @ParameterizedTest
        @ValueSource(strings = {"'data:text/javascript,' + encodeURIComponent(CODE)",
                "'data:text/javascript;base64,BASE64'",
                "'data:application/javascript;charset=utf-8,' + encodeURIComponent(CODE)",
                "'data:,' + encodeURIComponent(CODE)",
                "{ toString() { return 'data:text/javascript,' + encodeURIComponent(CODE); } }"})
        void noCodeFromADataUrlRunsWithOrWithoutAHook(String expression) {
            String specifier = expression.replace("CODE", "'" + CODE + "'")
                    .replace("BASE64", java.util.Base64.getEncoder().encodeToString(CODE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            for (boolean withHook : List.of(false, true)) {
                try (VmContext context = vm.createContext()) {
                    ImportModuleDynamically hook = (requested, referrer, attributes) ->
                            vm.syntheticModule(List.of("default"), m -> m.setExport("default", 2), ModuleOptions.in(context));
                    ScriptOptions options = withHook ? ScriptOptions.builder().importModuleDynamically(hook).build() : ScriptOptions.defaults();
                    assertThat(outcome(context, specifier, options)).as(specifier).isEqualTo("rejected: " + DataImportGuard.MESSAGE);
                    assertThat(context.global("ran")).isEqualTo(false);
                }
            }
        }

        @Test
        void anUpperCaseSchemeIsAnOrdinarySpecifierThatReachesTheHook() {
            try (VmContext context = vm.createContext()) {
                List<String> asked = new ArrayList<>();
                ImportModuleDynamically hook = (requested, referrer, attributes) -> {
                    asked.add(requested);
                    return vm.syntheticModule(List.of("default"), m -> m.setExport("default", 2), ModuleOptions.in(context));
                };
                assertThat(outcome(context, "'DATA:text/javascript,1'", ScriptOptions.builder().importModuleDynamically(hook).build()))
                        .isEqualTo("loaded 2");
                assertThat(asked).containsExactly("DATA:text/javascript,1");
            }
        }

        /** JSON runs no code: like {@code JSON.parse}, which the guest has anyway, so it is not stopped. */
        @Test
        void aJsonDataUrlOnlyParsesData() {
            try (VmContext context = vm.createContext()) {
                vm.compile("globalThis.outcome = 'pending'; import('data:application/json,%7B%22a%22:1%7D', { with: { type: 'json' } })"
                        + ".then((m) => { outcome = 'loaded ' + m.default.a; }, (e) => { outcome = 'rejected: ' + e.message; });").runInContext(context);
                assertThat(context.global("outcome")).isEqualTo("loaded 1");
            }
        }

        @Test
        void aDataUrlCannotTurnAStringIntoCodeWhenCodeGenerationIsDisabled() {
            try (VmContext strict = vm.createContext(Map.of(), ContextOptions.builder().codeGenerationFromStrings(false).build())) {
                assertThat(outcome(strict, "'data:text/javascript,globalThis.ran%20=%20true'", ScriptOptions.defaults()))
                        .isEqualTo("rejected: " + DataImportGuard.MESSAGE);
                assertThat(strict.global("ran")).isEqualTo(false);
            }
        }

        @Test
        void functionsOfANestedDataModuleNeverRunEither() {
            String inner = "'data:text/javascript,' + encodeURIComponent('export function f() { globalThis.ran = true; }')";
            String outer = "'data:text/javascript,' + encodeURIComponent(`import { f } from '${" + inner + "}'; f(); export default 1`)";
            try (VmContext context = vm.createContext()) {
                assertThat(outcome(context, outer, ScriptOptions.defaults())).isEqualTo("rejected: " + DataImportGuard.MESSAGE);
                assertThat(context.global("ran")).isEqualTo(false);
            }
        }

        @Test
        void aStaticDataImportFailsTheModulesEvaluation() {
            try (VmContext context = vm.createContext()) {
                var module = vm.sourceTextModule("import 'data:text/javascript,globalThis.ran%20=%20true'; globalThis.after = true;",
                        ModuleOptions.in(context));
                module.link((specifier, referrer, attributes) -> vm.syntheticModule(List.of(), m -> {}, ModuleOptions.in(context)));
                assertThatThrownBy(module::evaluate).isInstanceOfSatisfying(VmException.class,
                        e -> assertThat(e).hasMessageContaining(DataImportGuard.MESSAGE));
                assertThat(context.global("ran")).isNull();
                assertThat(context.global("after")).isNull();
            }
        }

        @Test
        void aScriptNamedLikeADataModuleStillRuns() {
            try (VmContext context = vm.createContext()) {
                assertThat(vm.compile("40 + 2", ScriptOptions.builder().filename("data-uri.mjs").build()).runInContext(context)).isEqualTo(42);
            }
        }
    }

    /** Deep recursion and huge values end as guest errors, never as JVM errors reaching the caller. */
    @Nested
    class Exhaustion {
        @Test
        void deepRecursionIsAGuestRangeError() {
            try (VmContext context = vm.createContext()) {
                assertThatThrownBy(() -> run(context, "(function f() { return f() + 1; })()"))
                        .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("RangeError"));
                assertThat(run(context, "'fine'")).isEqualTo("fine");
            }
        }

        @Test
        void hugeStringsAndArraysHitGuestLimits() {
            try (VmContext context = vm.createContext()) {
                assertThatThrownBy(() -> run(context, "'x'.repeat(2 ** 31)"))
                        .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("RangeError"));
                assertThatThrownBy(() -> run(context, "new Array(2 ** 32)"))
                        .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.errorName()).isEqualTo("RangeError"));
            }
        }
    }
}
