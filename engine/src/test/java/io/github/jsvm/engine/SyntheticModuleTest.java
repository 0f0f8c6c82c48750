package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.VmContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Node's vm.SyntheticModule behaviours: exports fixed at creation, set from Java, live for importers. */
class SyntheticModuleTest extends SharedVmTest {

    @Test
    void theEvaluatorSetsExportsThatImportersSee() {
        try (VmContext context = vm.createContext()) {
            AtomicInteger calls = new AtomicInteger();
            SyntheticModule synthetic = vm.syntheticModule(List.of("default", "answer", "not an identifier"), module -> {
                calls.incrementAndGet();
                module.setExport("answer", 42);
                module.setExport("default", Map.of("kind", "config"));
                module.setExport("not an identifier", List.of(1, 2));
            }, ModuleOptions.in(context));
            SourceTextModule importer = vm.sourceTextModule(
                    "import config, { answer, 'not an identifier' as odd } from 'synthetic'; export const all = [config.kind, answer, odd];",
                    ModuleOptions.in(context));
            importer.link((s, r, a) -> synthetic);
            assertThat(synthetic.status()).isEqualTo(ModuleStatus.LINKED);
            importer.evaluate();
            assertThat(importer.namespace().get("all")).isEqualTo(List.of("config", 42, List.of(1, 2)));
            assertThat(synthetic.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(synthetic.exportNames()).containsExactly("default", "answer", "not an identifier");
            assertThat(calls).hasValue(1);
        }
    }

    @Test
    void exportsAreLiveBindingsAndCanBeSetBeforeAndAfterEvaluation() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule synthetic = vm.syntheticModule(List.of("value"), null, ModuleOptions.in(context));
            assertThatThrownBy(() -> synthetic.setExport("value", 1)).isInstanceOf(ModuleStatusException.class);
            synthetic.link();
            synthetic.setExport("value", "early");
            SourceTextModule reader = vm.sourceTextModule("import { value } from 's'; export const read = () => value;",
                    ModuleOptions.in(context));
            reader.link((s, r, a) -> synthetic);
            reader.evaluate();
            context.setGlobal("read", reader.namespace().get("read"));
            assertThat(vm.compile("read()").runInContext(context)).isEqualTo("early");
            synthetic.setExport("value", "late");
            assertThat(vm.compile("read()").runInContext(context)).isEqualTo("late");
            assertThat(synthetic.namespace().get("value")).isEqualTo("late");
            assertThatThrownBy(() -> synthetic.setExport("other", 1))
                    .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'other' is not an export");
        }
    }

    @Test
    void anEvaluatorThatThrowsErrorsTheModule() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule synthetic = vm.syntheticModule(List.of("x"), module -> {
                throw new IllegalStateException("cannot compute x");
            }, ModuleOptions.in(context));
            synthetic.link();
            // The caller gets its own exception back; the guest would see only that the evaluator failed.
            assertThatThrownBy(synthetic::evaluate).isInstanceOf(io.github.jsvm.VmException.class).hasMessageContaining("cannot compute x")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(synthetic.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(vm.compile("'still fine'").runInContext(context)).isEqualTo("still fine");
        }
    }

    @Test
    void exportNamesAreValidated() {
        assertThatThrownBy(() -> vm.syntheticModule(List.of("a", "a"), null, ModuleOptions.defaults()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("'a' more than once");
        assertThatThrownBy(() -> vm.syntheticModule(List.of("\ud800"), null, ModuleOptions.defaults()))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("unpaired surrogate");
        assertThatThrownBy(() -> vm.syntheticModule(java.util.Arrays.asList("a", null), null, ModuleOptions.defaults()))
                .isInstanceOf(NullPointerException.class).hasMessage("exportNames[1] must not be null");
    }

    @Test
    void evaluatingAnUnlinkedSyntheticModuleLinksItAsNodeDoes() {
        try (VmContext context = vm.createContext()) {
            SyntheticModule module = vm.syntheticModule(List.of("x"), m -> m.setExport("x", 7), ModuleOptions.in(context));
            assertThat(module.status()).isEqualTo(ModuleStatus.UNLINKED);
            module.evaluate();
            assertThat(module.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(module.namespace().get("x")).isEqualTo(7);
        }
    }

    @Test
    void setExportOnAnUnlinkedModuleReportsTheStatusBeforeTheName() {
        SyntheticModule module = vm.syntheticModule(List.of("x"), null, ModuleOptions.defaults());
        assertThatThrownBy(() -> module.setExport("unknown", 1)).isInstanceOfSatisfying(ModuleStatusException.class,
                e -> assertThat(e.status()).isEqualTo(ModuleStatus.UNLINKED)).hasMessageContaining("must be linked");
        module.link();
        assertThatThrownBy(() -> module.setExport("unknown", 1)).isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("'unknown' is not an export");
    }

    @Test
    void anAsynchronousEvaluationStepCompletesTheEvaluationWhenItsStageDoes() throws Exception {
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try (VmContext context = vm.createContext()) {
            // One export set from another thread before the evaluator returns its stage, one while the run waits for it.
            SyntheticModule module = vm.asyncSyntheticModule(List.of("x", "y"), m -> {
                other.submit(() -> m.setExport("x", 7)).get();
                return java.util.concurrent.CompletableFuture.runAsync(() -> m.setExport("y", 8), other);
            }, ModuleOptions.in(context));
            module.evaluate();
            assertThat(module.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(module.namespace().toMap()).isEqualTo(java.util.Map.of("x", 7, "y", 8));

            SyntheticModule failing = vm.asyncSyntheticModule(List.of(),
                    m -> java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("no data")), ModuleOptions.in(context));
            assertThatThrownBy(failing::evaluate).isInstanceOf(io.github.jsvm.VmException.class).hasMessageContaining("no data")
                    .hasCauseInstanceOf(IllegalStateException.class);
            assertThat(failing.status()).isEqualTo(ModuleStatus.ERRORED);

            SyntheticModule never = vm.asyncSyntheticModule(List.of(), m -> new java.util.concurrent.CompletableFuture<>(),
                    ModuleOptions.in(context));
            assertThatThrownBy(() -> never.evaluate(io.github.jsvm.RunOptions.withTimeout(java.time.Duration.ofMillis(200))))
                    .isInstanceOf(io.github.jsvm.ScriptTimeoutException.class);
            assertThat(never.status()).isEqualTo(ModuleStatus.ERRORED);
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void theHiddenBridgeCannotBeUsedToReEvaluateOrFakeStatuses() {
        try (VmContext context = vm.createContext()) {
            AtomicInteger calls = new AtomicInteger();
            SyntheticModule synthetic = vm.syntheticModule(List.of("x"), module -> calls.incrementAndGet(), ModuleOptions.in(context));
            synthetic.link();
            synthetic.evaluate();
            SourceTextModule pending = vm.sourceTextModule("export default 1;", ModuleOptions.in(context));
            pending.link();
            Object outcome = vm.compile("""
                    const name = Object.getOwnPropertyNames(globalThis).find((n) => n.startsWith('$jsvm$host'));
                    const host = globalThis[name];
                    const results = [];
                    for (const call of [() => host.synthetic(KEY_S, () => {}), () => host.started(KEY_P, {}), () => host.done(KEY_P),
                        () => host.synthetic(KEY_P, 1), () => host.meta({}, 42), () => host.started()]) {
                      try { call(); results.push('ok'); } catch (e) { results.push(e.message); }
                    }
                    results;
                    """.replace("KEY_S", JsStrings.quote(((GraalModule) (Object) synthetic).key()))
                    .replace("KEY_P", JsStrings.quote(((GraalModule) (Object) pending).key()))).runInContext(context);
            assertThat(calls).hasValue(1);
            assertThat(pending.status()).isEqualTo(ModuleStatus.LINKED);
            assertThat((List<?>) outcome).hasSize(6).allSatisfy(result -> assertThat(result).asString().startsWith("Invalid module bridge call"));
            assertThat(((List<?>) outcome).get(0)).asString().endsWith("only the code of " + synthetic.identifier() + " reports on it");
            assertThat(((List<?>) outcome).get(4)).asString().endsWith("the module token is not a string");
            assertThat(((List<?>) outcome).get(5)).asString().endsWith("the module token is not a string");
        }
    }

    @Test
    void aDependencyCannotReportOnTheModuleThatImportsIt() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule faker = vm.sourceTextModule("""
                    const name = Object.getOwnPropertyNames(globalThis).find((n) => n.startsWith('$jsvm$host'));
                    const host = globalThis[name];
                    export const results = [];
                    for (const call of [() => host.started(globalThis.ROOT_KEY, { fake: 1 }), () => host.done(globalThis.ROOT_KEY)]) {
                      try { call(); results.push('ok'); } catch (e) { results.push(e.message); }
                    }
                    // Called by the root's own code below: the innermost guest frame is the root's.
                    export const handOver = host.done.bind(null, globalThis.ROOT_KEY);
                    """, ModuleOptions.in(context));
            SourceTextModule root = vm.sourceTextModule("""
                    import { results, handOver } from 'faker';
                    export const seen = results;
                    try { handOver(); seen.push('ok'); } catch (e) { seen.push(e.message); }
                    export const real = 1;
                    """, ModuleOptions.in(context));
            context.setGlobal("ROOT_KEY", ((GraalModule) (Object) root).key());
            root.link((specifier, referrer, attributes) -> faker);
            root.evaluate();
            assertThat(root.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(root.namespace().get("real")).isEqualTo(1);
            assertThat((List<?>) root.namespace().get("seen")).hasSize(3)
                    .allSatisfy(result -> assertThat(result).asString()
                            .startsWith("Invalid module bridge call: only the code of " + root.identifier() + " reports on it"));
        }
    }

    @Test
    void aModuleStaysEvaluatingUntilItsOwnBodyCompletesWhateverADependencyHandsIt() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule faker = vm.sourceTextModule("""
                    const name = Object.getOwnPropertyNames(globalThis).find((n) => n.startsWith('$jsvm$host'));
                    export const handOver = globalThis[name].done.bind(null, globalThis.ROOT_KEY);
                    """, ModuleOptions.in(context));
            SourceTextModule root = vm.sourceTextModule("""
                    import { handOver } from 'faker';
                    try { handOver(); } catch (e) { }
                    export const during = statusNow();
                    """, ModuleOptions.in(context));
            context.setGlobal("ROOT_KEY", ((GraalModule) (Object) root).key());
            context.setGlobal("statusNow", (io.github.jsvm.HostFunction) args -> root.status().toString());
            root.link((specifier, referrer, attributes) -> faker);
            root.evaluate();
            assertThat(root.namespace().get("during")).isEqualTo(ModuleStatus.EVALUATING.toString());
        }
    }
}
