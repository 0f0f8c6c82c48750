package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.LIST;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.HostFunction;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
import io.github.jsvm.JsException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.VmContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Node's importModuleDynamically behaviours: which hook runs, with which referrer, and how failures reach the guest. */
class ImportModuleDynamicallyTest extends SharedVmTest {
    /** Runs {@code importExpression} and returns what it settled to: the namespace's {@code value} or [name, message]. */
    private static final String SETTLE = "globalThis.outcome = 'pending'; (%s).then((ns) => { outcome = ns.value; }, "
            + "(e) => { outcome = [e.name, e.message]; });";

    record Call(String specifier, ImportReferrer referrer, Map<String, String> attributes) {}

    /** A hook that records its calls and answers with a synthetic module exporting {@code value}. */
    static final class RecordingHook implements ImportModuleDynamically {
        final List<Call> calls = new ArrayList<>();
        final VmContext context;

        RecordingHook(VmContext context) {
            this.context = context;
        }

        @Override
        public Object importModule(String specifier, ImportReferrer referrer, Map<String, String> attributes) {
            calls.add(new Call(specifier, referrer, attributes));
            return valueModule(context, "loaded " + specifier);
        }
    }

    static SyntheticModule valueModule(VmContext context, Object value) {
        // The context's own Vm: some tests give their hooks contexts of a Vm of their own.
        return ((GraalContext) context).vm().syntheticModule(List.of("value"), module -> module.setExport("value", value), ModuleOptions.in(context));
    }

    private static Object settle(VmContext context, String importExpression, ScriptOptions options) {
        vm.compile(SETTLE.formatted(importExpression), options).runInContext(context);
        return context.global("outcome");
    }

    @Test
    void aScriptsHookReceivesTheSpecifierTheScriptAndTheAttributes() {
        try (VmContext context = vm.createContext()) {
            RecordingHook hook = new RecordingHook(context);
            Script script = vm.compile(SETTLE.formatted("import('./a.js', { with: { flavour: 'plain', 'mode': \"x\" } })"),
                    ScriptOptions.builder().filename("main.js").importModuleDynamically(hook).build());
            script.runInContext(context);
            assertThat(context.global("outcome")).isEqualTo("loaded ./a.js");
            assertThat(hook.calls).containsExactly(new Call("./a.js", script, Map.of("flavour", "plain", "mode", "x")));
        }
    }

    @Test
    void aFunctionDefinedByAScriptKeepsItsHookWhenCalledLaterFromOtherCodeAndFromPromiseJobs() {
        try (VmContext context = vm.createContext()) {
            RecordingHook hook = new RecordingHook(context);
            Script definer = vm.compile("globalThis.load = (s) => import(s); globalThis.loadLater = (s) => Promise.resolve().then(() => import(s));",
                    ScriptOptions.builder().filename("definer.js").importModuleDynamically(hook).build());
            definer.runInContext(context);
            assertThat(settle(context, "load('direct')", ScriptOptions.defaults())).isEqualTo("loaded direct");
            assertThat(settle(context, "loadLater('job')", ScriptOptions.defaults())).isEqualTo("loaded job");
            assertThat(hook.calls).extracting(Call::referrer).containsOnly(definer);
        }
    }

    @Test
    void anotherContextCallingTheFunctionStillReachesTheDefiningScriptsHook() {
        try (VmContext home = vm.createContext(); VmContext other = vm.createContext()) {
            RecordingHook hook = new RecordingHook(home);
            Script definer = vm.compile("(s) => import(s).then((ns) => ns.value)",
                    ScriptOptions.builder().filename("definer.js").importModuleDynamically(hook).build());
            JsFunction load = (JsFunction) definer.runInContext(home);
            HostFunction bridge = args -> load.call(List.of(args.get(0))) == null ? "none" : "called";
            other.setGlobal("callHome", bridge);
            assertThat(vm.compile("callHome('from-other')").runInContext(other)).isEqualTo("called");
            assertThat(hook.calls).containsExactly(new Call("from-other", definer, Map.of()));
        }
    }

    @Test
    void compileFunctionHooksSeeTheFunctionAsReferrer() {
        try (VmContext context = vm.createContext()) {
            RecordingHook hook = new RecordingHook(context);
            JsFunction function = vm.compileFunction("return import(specifier);", List.of("specifier"),
                    FunctionOptions.builder().parsingContext(context).importModuleDynamically(hook).build());
            context.setGlobal("f", function);
            assertThat(settle(context, "f('fn-dep')", ScriptOptions.defaults())).isEqualTo("loaded fn-dep");
            assertThat(hook.calls).containsExactly(new Call("fn-dep", function, Map.of()));
        }
    }

    @Test
    void codeCompiledFromStringsUsesTheContextsHookWithTheContextAsReferrer() {
        AtomicInteger contextCalls = new AtomicInteger();
        List<ImportReferrer> referrers = new ArrayList<>();
        ImportModuleDynamically contextHook = (specifier, referrer, attributes) -> {
            contextCalls.incrementAndGet();
            referrers.add(referrer);
            return valueModule((VmContext) referrer, "context " + specifier);
        };
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().importModuleDynamically(contextHook).build())) {
            RecordingHook scriptHook = new RecordingHook(context);
            ScriptOptions withHook = ScriptOptions.builder().importModuleDynamically(scriptHook).build();
            assertThat(settle(context, "eval(\"import('e')\")", withHook)).isEqualTo("context e");
            assertThat(settle(context, "new Function(\"return import('f')\")()", withHook)).isEqualTo("context f");
            assertThat(referrers).containsExactly(context, context);
            assertThat(scriptHook.calls).isEmpty();
        }
        try (VmContext noHook = vm.createContext()) {
            assertThat(settle(noHook, "eval(\"import('e')\")", ScriptOptions.defaults())).asInstanceOf(LIST)
                    .containsExactly("TypeError", "A dynamic import callback was not specified for code compiled from a string in "
                            + noHook + " (import of 'e')");
        }
    }

    @Test
    void codeAModuleCompilesFromStringsUsesTheContextsHookNotTheModulesLinker() {
        List<String> contextCalls = new ArrayList<>();
        ImportModuleDynamically contextHook = (specifier, referrer, attributes) -> {
            contextCalls.add(specifier);
            return valueModule((VmContext) referrer, "context " + specifier);
        };
        try (VmContext context = vm.createContext(Map.of(), ContextOptions.builder().importModuleDynamically(contextHook).build())) {
            List<String> linked = new ArrayList<>();
            SourceTextModule module = vm.sourceTextModule("""
                    globalThis.fromEval = eval("import('e')").then((ns) => ns.value, (e) => e.message);
                    globalThis.fromFunction = new Function("return import('f')")().then((ns) => ns.value, (e) => e.message);
                    """, ModuleOptions.in(context));
            module.link((specifier, referrer, attributes) -> {
                linked.add(specifier);
                throw new IllegalStateException("linker secret");
            });
            module.evaluate();
            vm.compile("Promise.all([fromEval, fromFunction]).then((all) => { globalThis.settled = all; })").runInContext(context);
            assertThat(context.global("settled")).isEqualTo(List.of("context e", "context f"));
            assertThat(contextCalls).containsExactly("e", "f");
            assertThat(linked).isEmpty();
        }
    }

    @Test
    void aHookThatThrowsRejectsTheImportWithoutHostDetailsUnlessTheContextExposesMessages() {
        ImportModuleDynamically throwing = (specifier, referrer, attributes) -> {
            throw new IllegalStateException("no module named " + specifier);
        };
        ScriptOptions options = ScriptOptions.builder().filename("h.js").importModuleDynamically(throwing).build();
        try (VmContext context = vm.createContext()) {
            List<?> outcome = (List<?>) settle(context, "import('x')", options);
            assertThat(outcome.get(0)).isEqualTo("Error");
            assertThat((String) outcome.get(1)).matches("The import hook of h\\.js failed for 'x' \\(host error [0-9a-f]{16}\\)");
            assertThat(vm.compile("1 + 1").runInContext(context)).isEqualTo(2);
        }
        try (VmContext exposing = vm.createContext(Map.of(), ContextOptions.builder().exposeHostErrorMessages(true).build())) {
            List<?> outcome = (List<?>) settle(exposing, "import('x')", options);
            assertThat((String) outcome.get(1)).startsWith("The import hook of h.js failed for 'x': no module named x (host error ")
                    .doesNotContain("IllegalStateException");
        }
    }

    @Test
    void aHookReturningSomethingElseRejectsWithATypeError() {
        try (VmContext context = vm.createContext(); VmContext other = vm.createContext()) {
            for (Object garbage : new Object[] {"not a module", null, 42, valueModule(other, "foreign")}) {
                ScriptOptions options = ScriptOptions.builder().filename("g.js").importModuleDynamically((s, r, a) -> garbage).build();
                @SuppressWarnings("unchecked")
                List<Object> outcome = (List<Object>) settle(context, "import('x')", options);
                assertThat(outcome.get(0)).as("for %s", garbage).isEqualTo("TypeError");
                assertThat((String) outcome.get(1)).startsWith("The import hook of g.js returned ");
            }
        }
    }

    @Test
    void completionStagesAndNamespacesAreAccepted() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule module = valueModule(context, "via namespace");
            module.link();
            module.evaluate();
            ScriptOptions namespaceHook = ScriptOptions.builder().importModuleDynamically((s, r, a) -> module.namespace()).build();
            assertThat(settle(context, "import('n')", namespaceHook)).isEqualTo("via namespace");

            ScriptOptions asyncHook = ScriptOptions.builder().importModuleDynamically(
                    (s, r, a) -> CompletableFuture.supplyAsync(() -> valueModule(context, "async " + s))).build();
            assertThat(settle(context, "import('later')", asyncHook)).isEqualTo("async later");

            ScriptOptions failingHook = ScriptOptions.builder().importModuleDynamically(
                    (s, r, a) -> CompletableFuture.failedFuture(new IllegalArgumentException("async failure"))).build();
            assertThat(settle(context, "import('x')", failingHook)).asInstanceOf(LIST).element(1).asString()
                    .contains("failed for 'x' (host error ").doesNotContain("async failure");
        }
    }

    @Test
    void aModuleImportedTwiceIsEvaluatedOnce() {
        try (VmContext context = vm.createContext()) {
            AtomicInteger evaluations = new AtomicInteger();
            SyntheticModule once = vm.syntheticModule(List.of("value"),
                    module -> module.setExport("value", evaluations.incrementAndGet()), ModuleOptions.in(context));
            ScriptOptions options = ScriptOptions.builder().importModuleDynamically((s, r, a) -> once).build();
            assertThat(settle(context, "import('a').then(() => import('b'))", options)).isEqualTo(1);
            assertThat(settle(context, "import('c')", options)).isEqualTo(1);
            assertThat(evaluations).hasValue(1);
        }
    }

    @Test
    void aModulesHookSeesTheModuleAsReferrer() {
        try (VmContext context = vm.createContext()) {
            RecordingHook hook = new RecordingHook(context);
            SourceTextModule module = vm.sourceTextModule("export const loaded = await import('dep', { with: { flavour: 'x' } });",
                    ModuleOptions.builder().context(context).importModuleDynamically(hook).build());
            module.link();
            module.evaluate();
            assertThat(hook.calls).containsExactly(new Call("dep", module, Map.of("flavour", "x")));
            @SuppressWarnings("unchecked")
            Map<String, Object> loaded = (Map<String, Object>) module.namespace().get("loaded");
            assertThat(loaded).containsEntry("value", "loaded dep");
        }
    }

    @Test
    void jsonModulesNeedTheJsonTypeAttribute() {
        try (VmContext context = vm.createContext()) {
            Module json = vm.jsonModule("{\"value\": [1, 2]}", ModuleOptions.in(context));
            List<Map<String, String>> attributes = new ArrayList<>();
            ScriptOptions options = ScriptOptions.builder().importModuleDynamically((s, r, a) -> {
                attributes.add(a);
                return json;
            }).build();
            vm.compile("import('data.json', { with: { type: 'json' } }).then((ns) => { globalThis.data = ns.default; }, "
                    + "(e) => { globalThis.data = e.message; })", options).runInContext(context);
            assertThat(context.global("data")).isEqualTo(Map.of("value", List.of(1, 2)));
            assertThat(attributes).containsExactly(Map.of("type", "json"));
            assertThat(settle(context, "import('data.json')", options)).asInstanceOf(LIST).first().isEqualTo("TypeError");
        }
    }

    @Test
    void aModuleAHookReturnsReportsTheOutcomeOfTheGuestsImport() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule failing = vm.sourceTextModule("export const value = 1; throw new RangeError('module body failed');",
                    ModuleOptions.builder().context(context).identifier("failing.mjs").build());
            SourceTextModule working = vm.sourceTextModule("export const value = 'fine';", ModuleOptions.in(context));
            ScriptOptions options = ScriptOptions.builder()
                    .importModuleDynamically((specifier, referrer, attributes) -> specifier.equals("bad") ? failing : working).build();

            assertThat(settle(context, "import('bad')", options)).isEqualTo(List.of("RangeError", "module body failed"));
            assertThat(failing.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(failing.error()).isInstanceOfSatisfying(JsException.class,
                    e -> assertThat(e.getMessage()).contains("module body failed"));
            assertThatThrownBy(failing::evaluate).isSameAs(failing.error());

            assertThat(settle(context, "import('good')", options)).isEqualTo("fine");
            assertThat(working.status()).isEqualTo(ModuleStatus.EVALUATED);
        }
    }

    @Test
    void aRunEndingWithAGuestErrorStillReportsTheModulesOutcome() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule failing = vm.sourceTextModule("throw new Error('body failed');", ModuleOptions.in(context));
            ScriptOptions options = ScriptOptions.builder().importModuleDynamically((specifier, referrer, attributes) -> failing).build();
            assertThatThrownBy(() -> vm.compile("import('bad').catch(() => {}); "
                    + "throw new TypeError('run failed')", options).runInContext(context))
                    .isInstanceOfSatisfying(JsException.class, e -> assertThat(e.getMessage()).contains("run failed"));
            assertThat(failing.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(failing.error()).hasMessageContaining("body failed");
        }
    }

    @Test
    void aHookReturnedModuleWaitingOnTopLevelAwaitSettlesInALaterRun() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule waiting = vm.sourceTextModule(
                    "export let value = 'before'; await new Promise((resolve, reject) => { globalThis.fail = reject; }); value = 'after';",
                    ModuleOptions.in(context));
            ScriptOptions options = ScriptOptions.builder().importModuleDynamically((specifier, referrer, attributes) -> waiting).build();
            assertThat(settle(context, "import('w')", options)).isEqualTo("pending");
            assertThat(waiting.status()).isEqualTo(ModuleStatus.EVALUATING);
            vm.compile("fail(new TypeError('gave up'))").runInContext(context);
            assertThat(waiting.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(waiting.error()).hasMessageContaining("gave up");
            assertThat(context.global("outcome")).isEqualTo(List.of("TypeError", "gave up"));
        }
    }
}
