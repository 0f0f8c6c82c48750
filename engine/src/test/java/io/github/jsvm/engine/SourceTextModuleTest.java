package io.github.jsvm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsException;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleAlreadyLinkedException;
import io.github.jsvm.ModuleLinkException;
import io.github.jsvm.ModuleLinker;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleRequest;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.ModuleStatusException;
import io.github.jsvm.RunOptions;
import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.ScriptTimeoutException;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.VmContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node's vm.SourceTextModule behaviours: link, evaluate, status, error, namespace, cycles, await, import.meta. */
class SourceTextModuleTest extends SharedVmTest {

    private static SourceTextModule module(VmContext context, String identifier, String code) {
        return vm.sourceTextModule(code, ModuleOptions.builder().context(context).identifier(identifier).build());
    }

    /** A linker that resolves specifiers by name from {@code modules}. */
    private static ModuleLinker byName(Map<String, ? extends Module> modules) {
        return (specifier, referrer, attributes) -> {
            Module module = modules.get(specifier);
            if (module == null) {
                throw new IllegalArgumentException("unknown module " + specifier);
            }
            return module;
        };
    }

    @Test
    void linksAndEvaluatesAGraphWithEachModuleOnce() {
        try (VmContext context = vm.createContext(Map.of("log", new ArrayList<>()))) {
            SourceTextModule shared = module(context, "shared", "globalThis.evaluations = (globalThis.evaluations || 0) + 1; export const x = 40;");
            SourceTextModule left = module(context, "left", "import { x } from 'shared'; export const l = x + 1;");
            SourceTextModule right = module(context, "right", "import { x } from 'shared'; export const r = x + 2;");
            SourceTextModule root = module(context, "root", "import { l } from 'left'; import { r } from 'right'; export default l + r;");
            assertThat(root.status()).isEqualTo(ModuleStatus.UNLINKED);
            List<String> linked = new ArrayList<>();
            ModuleLinker linker = byName(Map.of("shared", shared, "left", left, "right", right));
            root.link((specifier, referrer, attributes) -> {
                linked.add(referrer.identifier() + "->" + specifier);
                return linker.link(specifier, referrer, attributes);
            });
            // Node's order: every request of a module before any request of its dependencies.
            assertThat(linked).containsExactly("root->left", "root->right", "left->shared", "right->shared");
            assertThat(List.of(root, left, right, shared)).extracting(Module::status).containsOnly(ModuleStatus.LINKED);
            root.evaluate();
            assertThat(List.of(root, left, right, shared)).extracting(Module::status).containsOnly(ModuleStatus.EVALUATED);
            assertThat(root.namespace().get("default")).isEqualTo(83);
            assertThat(context.global("evaluations")).isEqualTo(1);
            root.evaluate();
            assertThat(context.global("evaluations")).isEqualTo(1);
        }
    }

    @Test
    void importCyclesWork() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule even = module(context, "even", "import { odd } from 'odd'; export const even = (n) => n === 0 || odd(n - 1);");
            SourceTextModule odd = module(context, "odd", "import { even } from 'even'; export const odd = (n) => n !== 0 && even(n - 1);");
            SourceTextModule root = module(context, "root", "import { even } from 'even'; export const result = [even(10), even(7)];");
            root.link(byName(Map.of("even", even, "odd", odd)));
            root.evaluate();
            assertThat(root.namespace().get("result")).isEqualTo(List.of(true, false));
            assertThat(odd.status()).isEqualTo(ModuleStatus.EVALUATED);
        }
    }

    @Test
    void moduleRequestsListSpecifiersAndAttributes() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = module(context, "m", """
                    import a from './a.js';
                    import data from './data.json' with { type: 'json' };
                    export * from './a.js';
                    const notAnImport = "import x from 'y'";
                    export const later = () => import('./dynamic.js');
                    """);
            assertThat(module.moduleRequests()).containsExactly(
                    new ModuleRequest("./a.js", Map.of()), new ModuleRequest("./data.json", Map.of("type", "json")));
        }
    }

    @Test
    void linkerAttributesAndJsonDependencies() {
        try (VmContext context = vm.createContext()) {
            Module json = vm.jsonModule("{\"answer\": 42}", ModuleOptions.in(context));
            SourceTextModule root = module(context, "root", "import data from 'data' with { type: 'json' }; export const answer = data.answer;");
            List<Map<String, String>> seen = new ArrayList<>();
            root.link((specifier, referrer, attributes) -> {
                seen.add(attributes);
                return json;
            });
            root.evaluate();
            assertThat(seen).containsExactly(Map.of("type", "json"));
            assertThat(root.namespace().get("answer")).isEqualTo(42);
            assertThat(json.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(json.namespace().get("default")).isEqualTo(Map.of("answer", 42));
        }
    }

    @Test
    void linkerFailuresThrowTypedExceptionsAndLeaveTheModuleErrored() {
        try (VmContext context = vm.createContext(); VmContext other = vm.createContext()) {
            SourceTextModule root = module(context, "root", "import x from 'missing';");
            assertThatThrownBy(() -> root.link(byName(Map.of())))
                    .isInstanceOfSatisfying(ModuleLinkException.class, e -> {
                        assertThat(e.specifier()).isEqualTo("missing");
                        assertThat(e.referencingModule()).isEqualTo("root");
                    })
                    .hasMessageContaining("unknown module missing");
            assertThat(root.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(root.error()).isInstanceOf(ModuleLinkException.class).hasMessageContaining("unknown module missing");
            assertThatThrownBy(() -> root.link(byName(Map.of()))).isInstanceOf(ModuleStatusException.class)
                    .hasMessageContaining("must be unlinked");

            SourceTextModule foreign = module(other, "foreign", "export default 1;");
            SourceTextModule second = module(context, "second", "import x from 'foreign';");
            assertThatThrownBy(() -> second.link((s, r, a) -> foreign))
                    .isInstanceOf(ModuleLinkException.class).hasMessageContaining("not a module of");
            SourceTextModule third = module(context, "third", "import x from 'nothing';");
            assertThatThrownBy(() -> third.link((s, r, a) -> null))
                    .isInstanceOf(ModuleLinkException.class).hasMessageContaining("returned null");
            // A linker that throws an Error (not an Exception) fails the link the same way: the
            // module must not stay linking for good.
            SourceTextModule fourth = module(context, "fourth", "import x from 'deep';");
            assertThatThrownBy(() -> fourth.link((s, r, a) -> {
                throw new StackOverflowError();
            })).isInstanceOf(ModuleLinkException.class).hasMessageContaining("the linker threw for 'deep'")
                    .hasCauseInstanceOf(StackOverflowError.class);
            assertThat(fourth.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(fourth.error()).isInstanceOf(ModuleLinkException.class);
        }
    }

    @Test
    void aFailureDeepInTheGraphErrorsThePathAndUnlinksTheRest() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule leaf = module(context, "leaf", "import 'missing';");
            SourceTextModule middle = module(context, "middle", "import 'leaf';");
            SourceTextModule sibling = module(context, "sibling", "export default 1;");
            SourceTextModule root = module(context, "root", "import 'middle'; import 'sibling';");
            assertThatThrownBy(() -> root.link(byName(Map.of("leaf", leaf, "middle", middle, "sibling", sibling))))
                    .isInstanceOf(ModuleLinkException.class).hasMessageContaining("unknown module missing");
            assertThat(List.of(root, middle, leaf)).extracting(Module::status).containsOnly(ModuleStatus.ERRORED);
            assertThat(sibling.status()).isEqualTo(ModuleStatus.UNLINKED);
            sibling.link();
            assertThat(sibling.status()).isEqualTo(ModuleStatus.LINKED);
        }
    }

    @Test
    void aRequestResolvedToAnErroredModuleFailsTheLinkWithThatError() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule errored = module(context, "errored", "throw new TypeError('first');");
            errored.link();
            assertThatThrownBy(errored::evaluate).isInstanceOf(JsException.class);
            SourceTextModule root = module(context, "root", "import 'errored';");
            assertThatThrownBy(() -> root.link((s, r, a) -> errored))
                    .isInstanceOf(ModuleLinkException.class).hasMessageContaining("errored module")
                    .hasCause(errored.error());
            assertThat(root.status()).isEqualTo(ModuleStatus.ERRORED);
        }
    }

    @Test
    void statusRulesAreEnforced() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = module(context, "m", "export const x = 1;");
            assertThatThrownBy(module::evaluate).isInstanceOfSatisfying(ModuleStatusException.class,
                    e -> assertThat(e.status()).isEqualTo(ModuleStatus.UNLINKED));
            assertThatThrownBy(module::namespace).isInstanceOf(ModuleStatusException.class);
            assertThatThrownBy(module::error).isInstanceOf(ModuleStatusException.class).hasMessageContaining("must be errored");
            module.link();
            assertThatThrownBy(module::link).isInstanceOf(ModuleAlreadyLinkedException.class);
            assertThat(module.status()).isEqualTo(ModuleStatus.LINKED);
            module.evaluate();
            assertThatThrownBy(module::link).isInstanceOf(ModuleStatusException.class).hasMessageContaining("must be unlinked")
                    .isNotInstanceOf(ModuleAlreadyLinkedException.class);
            assertThatThrownBy(() -> module(context, "needsLinker", "import 'x';").link())
                    .isInstanceOf(ModuleLinkException.class).hasMessageContaining("imports 'x'");
        }
    }

    @Test
    void evaluationErrorsLeaveModulesErroredWithPositionsAsWritten() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule failing = module(context, "failing.mjs", "export const a = 1;\nthrow new RangeError('boom');");
            SourceTextModule root = module(context, "root.mjs", "import { a } from 'failing'; export const b = a;");
            root.link(byName(Map.of("failing", failing)));
            assertThatThrownBy(root::evaluate).isInstanceOf(JsException.class).hasMessageContaining("boom");
            assertThat(root.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(failing.status()).isEqualTo(ModuleStatus.ERRORED);
            JsException error = (JsException) failing.error();
            assertThat(error.errorName()).isEqualTo("RangeError");
            assertThat(error.frames().get(0).filename()).isEqualTo("failing.mjs");
            assertThat(error.frames().get(0).line()).isEqualTo(2);
            assertThatThrownBy(root::evaluate).isSameAs(root.error());

            SourceTextModule firstLine = module(context, "first.mjs", "let x = 1; null.boom;");
            firstLine.link();
            assertThatThrownBy(firstLine::evaluate).isInstanceOfSatisfying(JsException.class, e -> {
                assertThat(e.frames().get(0).line()).isEqualTo(1);
                assertThat(e.frames().get(0).column()).isEqualTo(12);
            });
        }
    }

    @Test
    void syntaxErrorsSurfaceAtCreation() {
        try (VmContext context = vm.createContext()) {
            assertThatThrownBy(() -> module(context, "broken.mjs", "export const = 1;"))
                    .isInstanceOfSatisfying(ScriptSyntaxException.class, e -> assertThat(e.filename()).isEqualTo("broken.mjs"));
            assertThatThrownBy(() -> vm.jsonModule("{not json", ModuleOptions.in(context))).isInstanceOf(ScriptSyntaxException.class);
        }
    }

    @Test
    void topLevelAwaitThatSettlesInTheRunCompletesAndOneThatWaitsStaysEvaluating() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule settled = module(context, "settled", "export const v = await Promise.resolve(7);");
            settled.link();
            settled.evaluate();
            assertThat(settled.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(settled.namespace().get("v")).isEqualTo(7);

            SourceTextModule waiting = module(context, "waiting",
                    "export let v = 'before'; await new Promise((resolve) => { globalThis.release = resolve; }); v = 'after';");
            waiting.link();
            waiting.evaluate();
            assertThat(waiting.status()).isEqualTo(ModuleStatus.EVALUATING);
            assertThat(waiting.namespace().get("v")).isEqualTo("before");
            vm.compile("release()").runInContext(context);
            assertThat(waiting.status()).isEqualTo(ModuleStatus.EVALUATED);
            assertThat(waiting.namespace().get("v")).isEqualTo("after");
        }
    }

    @Test
    void aTimeoutLeavesTheModuleErroredAndTheContextUsable() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule spinning = module(context, "spin", "for (;;) {}");
            spinning.link();
            assertThatThrownBy(() -> spinning.evaluate(RunOptions.withTimeout(Duration.ofMillis(200))))
                    .isInstanceOf(ScriptTimeoutException.class);
            assertThat(spinning.status()).isEqualTo(ModuleStatus.ERRORED);
            assertThat(spinning.error()).isInstanceOf(ScriptTimeoutException.class);
            assertThat(vm.compile("6 * 7").runInContext(context)).isEqualTo(42);
        }
    }

    @Test
    void importMetaIsFilledFromJavaOnlyWhenUsed() {
        try (VmContext context = vm.createContext()) {
            List<Module> initialized = new ArrayList<>();
            SourceTextModule module = vm.sourceTextModule("export const meta = { ...import.meta };",
                    ModuleOptions.builder().context(context).initializeImportMeta(m -> {
                        initialized.add(m);
                        return Map.of("url", "file:///app/main.mjs", "answer", 42);
                    }).build());
            module.link();
            module.evaluate();
            assertThat(module.namespace().get("meta")).isEqualTo(Map.of("url", "file:///app/main.mjs", "answer", 42));
            assertThat(initialized).containsExactly(module);

            SourceTextModule plain = vm.sourceTextModule("export const meta = Object.keys(import.meta);", ModuleOptions.in(context));
            plain.link();
            plain.evaluate();
            assertThat(plain.namespace().get("meta")).isEqualTo(List.of());

            SourceTextModule failing = vm.sourceTextModule("import.meta;", ModuleOptions.builder().context(context)
                    .initializeImportMeta(m -> {
                        throw new IllegalStateException("no meta today");
                    }).build());
            failing.link();
            assertThatThrownBy(failing::evaluate).isInstanceOf(io.github.jsvm.VmException.class).hasMessageContaining("no meta today")
                    .hasCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void namespacesAreLiveAndNameTheirExports() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule counter = module(context, "counter", "export let count = 0; export function increment() { count++; }");
            counter.link();
            counter.evaluate();
            assertThat(counter.namespace().names()).containsExactly("count", "increment");
            vm.compile("1").runInContext(context);
            assertThat(counter.namespace().module()).isSameAs(counter);
            assertThatThrownBy(() -> counter.namespace().get("nope")).isInstanceOf(InvalidArgumentException.class);
            Map<String, Object> exports = new HashMap<>(counter.namespace().toMap());
            assertThat(exports.get("count")).isEqualTo(0);
            ((io.github.jsvm.JsFunction) exports.get("increment")).call(List.of());
            assertThat(counter.namespace().get("count")).isEqualTo(1);
        }
    }

    @Test
    void modulesBelongToTheMainContextByDefaultAndHaveUniqueIdentifiers() {
        SourceTextModule first = vm.sourceTextModule("export default 1;", ModuleOptions.defaults());
        SourceTextModule second = vm.sourceTextModule("export default 2;", ModuleOptions.defaults());
        assertThat(first.context()).isSameAs(second.context());
        assertThat(first.identifier()).matches("vm:module\\(\\d+\\)").isNotEqualTo(second.identifier());
    }

    @Test
    void defaultIdentifiersCountPerContextFromZero() {
        try (VmContext a = vm.createContext(); VmContext b = vm.createContext()) {
            assertThat(vm.sourceTextModule("", ModuleOptions.in(a)).identifier()).isEqualTo("vm:module(0)");
            assertThat(vm.syntheticModule(List.of(), m -> { }, ModuleOptions.in(a)).identifier()).isEqualTo("vm:module(1)");
            assertThat(vm.sourceTextModule("", ModuleOptions.in(b)).identifier()).isEqualTo("vm:module(0)");
        }
    }

    @Test
    void evaluatingAModuleFromItsOwnEvaluationIsAStatusError() {
        java.util.concurrent.atomic.AtomicReference<Module> self = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> seen = new java.util.concurrent.atomic.AtomicReference<>();
        io.github.jsvm.HostFunction reenter = args -> {
            try {
                self.get().evaluate();
            } catch (RuntimeException e) {
                seen.set(e);
            }
            return null;
        };
        try (VmContext context = vm.createContext(Map.of("reenter", reenter))) {
            SourceTextModule module = module(context, "m", "reenter(); export const done = true;");
            self.set(module);
            module.link();
            module.evaluate();
            assertThat(seen.get()).isInstanceOfSatisfying(ModuleStatusException.class,
                    e -> assertThat(e.status()).isEqualTo(ModuleStatus.EVALUATING))
                    .hasMessageContaining("must be one of linked, evaluated, or errored");
            assertThat(module.status()).isEqualTo(ModuleStatus.EVALUATED);
        }
    }

    @Test
    void theNamespaceExistsOnceLinkedWithBindingsInitializedAsV8Would() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule module = module(context, "m",
                    "export const c = 1; export var v = 2; export function f() { return 3; } export default 'd';");
            assertThatThrownBy(module::namespace).isInstanceOf(ModuleStatusException.class)
                    .hasMessageContaining("must not be unlinked or linking");
            module.link();
            io.github.jsvm.ModuleNamespace namespace = module.namespace();
            assertThat(namespace.names()).containsExactly("c", "default", "f", "v");
            assertThat(namespace.get("v")).isNull();
            assertThatThrownBy(() -> namespace.get("c")).isInstanceOfSatisfying(JsException.class,
                    e -> assertThat(e.errorName()).isEqualTo("ReferenceError")).hasMessageContaining("before initialization");
            assertThatThrownBy(() -> namespace.get("f")).isInstanceOf(ModuleStatusException.class)
                    .hasMessageContaining("only after evaluation");
            assertThatThrownBy(() -> namespace.get("missing")).isInstanceOf(io.github.jsvm.InvalidArgumentException.class);
            module.evaluate();
            assertThat(namespace.get("c")).isEqualTo(1);
            assertThat(namespace.get("v")).isEqualTo(2);
            assertThat(namespace.names()).containsExactly("c", "default", "f", "v");
        }
    }

    @Test
    void importingANameTheDependencyDoesNotExportFailsAtLinkAndLeavesTheGraphUnlinked() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule empty = module(context, "empty", "");
            SourceTextModule root = module(context, "root", "import { nonexistent } from 'module';");
            assertThatThrownBy(() -> root.link((s, r, a) -> empty)).isInstanceOfSatisfying(ModuleLinkException.class, e -> {
                assertThat(e.specifier()).isEqualTo("module");
                assertThat(e.referencingModule()).isEqualTo("root");
            }).hasMessageContaining("SyntaxError: The requested module 'module' does not provide an export named 'nonexistent'");
            assertThat(List.of(root, empty)).extracting(Module::status).containsOnly(ModuleStatus.UNLINKED);

            io.github.jsvm.SyntheticModule synthetic = vm.syntheticModule(List.of("x"), m -> { }, ModuleOptions.in(context));
            SourceTextModule importsDefault = module(context, "importsDefault", "import d from 'synthetic';");
            assertThatThrownBy(() -> importsDefault.link((s, r, a) -> synthetic)).isInstanceOf(ModuleLinkException.class)
                    .hasMessageContaining("does not provide an export named 'default'");
        }
    }

    @Test
    void aNameTwoStarExportsProvideFromDifferentBindingsIsAmbiguous() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule left = module(context, "left", "export const x = 'left'; export const onlyLeft = 1;");
            SourceTextModule right = module(context, "right", "export const x = 'right';");
            SourceTextModule both = module(context, "both", "export * from 'left'; export * from 'right';");
            SourceTextModule importer = module(context, "importer", "import { x } from 'both';");
            assertThatThrownBy(() -> importer.link(byName(Map.of("left", left, "right", right, "both", both))))
                    .isInstanceOfSatisfying(ModuleLinkException.class, e -> {
                        assertThat(e.specifier()).isEqualTo("both");
                        assertThat(e.referencingModule()).isEqualTo("importer");
                    })
                    .hasMessageContaining("SyntaxError: The requested module 'both' contains conflicting star exports for name 'x'");
            assertThat(importer.status()).isEqualTo(ModuleStatus.UNLINKED);

            // As in the specification's namespace, the ambiguous name is left out; the others stay.
            both.link(byName(Map.of("left", left, "right", right)));
            assertThat(both.namespace().names()).containsExactly("onlyLeft");
            both.evaluate();
            assertThat(both.namespace().names()).containsExactly("onlyLeft");
        }
    }

    @Test
    void starExportsThatReachOneBindingByDifferentPathsAreNotAmbiguous() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule base = module(context, "base", "export const x = 'base'; const v = 2; export { v, v as w };");
            SourceTextModule direct = module(context, "direct", "export { x, v as y } from 'base';");
            SourceTextModule throughImport = module(context, "throughImport", "import { x, w } from 'base'; export { x, w as y };");
            SourceTextModule star = module(context, "star", "export * from 'base';");
            SourceTextModule both = module(context, "both", "export * from 'direct'; export * from 'throughImport'; export * from 'star';");
            SourceTextModule importer = module(context, "importer", "import { x, y } from 'both'; export const seen = x + y;");
            importer.link(byName(Map.of("base", base, "direct", direct, "throughImport", throughImport, "star", star, "both", both)));
            assertThat(both.namespace().names()).containsExactly("v", "w", "x", "y");
            importer.evaluate();
            assertThat(importer.namespace().get("seen")).isEqualTo("base2");
        }
    }

    @Test
    void starExportsProvideEveryNameButDefault() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule base = module(context, "base", "export const x = 1; export default 2;");
            SourceTextModule star = module(context, "star", "export * from 'base';");
            SourceTextModule good = module(context, "good", "import { x } from 'star'; export const y = x + 1;");
            good.link(byName(Map.of("base", base, "star", star)));
            good.evaluate();
            assertThat(good.namespace().get("y")).isEqualTo(2);
            assertThat(star.namespace().names()).containsExactly("x");

            SourceTextModule bad = module(context, "bad", "import d from 'star';");
            assertThatThrownBy(() -> bad.link(byName(Map.of("star", star)))).isInstanceOf(ModuleLinkException.class)
                    .hasMessageContaining("does not provide an export named 'default'");
        }
    }

    @Test
    void topLevelAwaitIsToldApartFromAwaitInsideFunctions() {
        try (VmContext context = vm.createContext()) {
            assertThat(module(context, "a", "export const x = await Promise.resolve(1);").hasTopLevelAwait()).isTrue();
            assertThat(module(context, "b", "for await (const x of []) {}").hasTopLevelAwait()).isTrue();
            assertThat(module(context, "c", "{ if (true) { await 0; } }").hasTopLevelAwait()).isTrue();
            assertThat(module(context, "d", "export async function f() { await 1; } export const g = async () => await 2;")
                    .hasTopLevelAwait()).isFalse();
            assertThat(module(context, "e", "const text = 'await x'; // await y").hasTopLevelAwait()).isFalse();
        }
    }

    @Test
    void anAsyncGraphIsOneWithTopLevelAwaitAnywhere() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule leaf = module(context, "leaf", "await 0; export const x = 1;");
            SourceTextModule root = module(context, "root", "import { x } from 'leaf'; export const y = x;");
            assertThatThrownBy(root::hasAsyncGraph).isInstanceOf(ModuleStatusException.class)
                    .hasMessageContaining("must not be unlinked or linking");
            root.link((s, r, a) -> leaf);
            assertThat(root.hasTopLevelAwait()).isFalse();
            assertThat(root.hasAsyncGraph()).isTrue();
            SourceTextModule plain = module(context, "plain", "export const z = 3;");
            plain.link();
            assertThat(plain.hasAsyncGraph()).isFalse();
        }
    }

    @Test
    void linkRequestsThenInstantiateLinksTheGraphAsNodeDoes() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule leaf = module(context, "leaf", "export const x = 20;");
            SourceTextModule middle = module(context, "middle", "import { x } from 'leaf'; export const y = x + 1;");
            SourceTextModule root = module(context, "root", "import { y } from 'middle'; import { x } from 'leaf'; export default x + y;");
            assertThatThrownBy(() -> root.linkRequests(List.of(middle))).isInstanceOf(io.github.jsvm.InvalidArgumentException.class)
                    .hasMessageContaining("has 2 module requests");
            root.linkRequests(List.of(middle, leaf));
            assertThat(root.status()).isEqualTo(ModuleStatus.UNLINKED);
            assertThatThrownBy(root::instantiate).isInstanceOf(ModuleLinkException.class).hasMessageContaining("requests of middle are not linked");
            assertThat(List.of(root, middle, leaf)).extracting(Module::status).containsOnly(ModuleStatus.UNLINKED);
            middle.linkRequests(List.of(leaf));
            root.instantiate();
            assertThat(List.of(root, middle, leaf)).extracting(Module::status).containsOnly(ModuleStatus.LINKED);
            assertThatThrownBy(() -> root.linkRequests(List.of(middle, leaf))).isInstanceOf(ModuleAlreadyLinkedException.class);
            root.evaluate();
            assertThat(root.namespace().get("default")).isEqualTo(41);
        }
    }

    @Test
    void instantiateChecksImportedNames() {
        try (VmContext context = vm.createContext()) {
            SourceTextModule empty = module(context, "empty", "");
            SourceTextModule root = module(context, "root", "import { missing } from 'empty';");
            root.linkRequests(List.of(empty));
            assertThatThrownBy(root::instantiate).isInstanceOf(ModuleLinkException.class)
                    .hasMessageContaining("does not provide an export named 'missing'");
            assertThat(List.of(root, empty)).extracting(Module::status).containsOnly(ModuleStatus.UNLINKED);
        }
    }
}
