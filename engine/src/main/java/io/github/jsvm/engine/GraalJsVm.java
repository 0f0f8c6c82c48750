package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.Module;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.SourceTextModule;
import io.github.jsvm.SyntheticModule;
import io.github.jsvm.RuntimeInfo;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptCacheStats;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmClosedException;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmOptions;
import io.github.jsvm.VmStats;
import java.lang.ref.Cleaner;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Vm} on one shared GraalJS engine.
 *
 * <p>Owns the engine, the parser context, the watchdog, the lazily created main context and every
 * open context (so that {@link #close()} can close them). Contexts are tracked by their cores,
 * never by the wrappers users hold, so tracking does not keep a forgotten context alive.
 */
final class GraalJsVm implements Vm {
    private static final Logger LOG = LoggerFactory.getLogger(GraalJsVm.class);
    private static final AtomicInteger VM_IDS = new AtomicInteger();
    /* One daemon thread for the whole library closes contexts that users dropped without closing. */
    private static final Cleaner CLEANER = Cleaner.create();

    private final String name = "jsvm-" + VM_IDS.incrementAndGet();
    private final AtomicInteger contextIds = new AtomicInteger();
    private final AtomicLong moduleIds = new AtomicLong();
    private final Engine engine;
    private final ContextFactory contextFactory;
    private final ScriptCompiler compiler;
    private final FunctionCompiler functionCompiler;
    private final Watchdog watchdog;
    private final ImportHooks importHooks;
    private final VmCounters counters;
    private final RunInstruments runInstruments;
    private final LazyInstrument stackDepthLimiting;
    private final ScriptCache scriptCache;
    private final SharedModuleTexts moduleTexts;
    private final AbsentGlobalGuard absentGlobals;
    private final CarrierThreads carriers;
    private final Set<ContextRunner> openContexts = ConcurrentHashMap.newKeySet();
    private final Object mainContextLock = new Object();
    private final @Nullable EngineWarmer warmer;
    private @Nullable GraalContext mainContext;
    private volatile boolean closed;

    GraalJsVm(VmOptions options) {
        this(options, new WeakHostDefinedOptionsRegistry());
    }

    /** A Vm with another registry: only for tests that prove the collectability suite can fail. */
    GraalJsVm(VmOptions options, HostDefinedOptionsRegistry hostDefinedOptions) {
        this.counters = new VmCounters(options.measureRunTime());
        this.scriptCache = new ScriptCache(options.scriptCache());
        this.moduleTexts = new SharedModuleTexts(options.scriptCache());
        this.engine = EngineFactory.create(options.inspector(), options.lazyFunctionTranslation());
        this.contextFactory = new ContextFactory(engine);
        this.runInstruments = new RunInstruments(new LazyInstrument(engine, StatementCounter.ID), new LazyInstrument(engine, AllocationCheck.ID));
        this.stackDepthLimiting = new LazyInstrument(engine, StackDepthLimiter.ID);
        this.absentGlobals = new AbsentGlobalGuard(contextFactory);
        this.carriers = new CarrierThreads(name);
        this.compiler = new ScriptCompiler(contextFactory, carriers);
        this.watchdog = new Watchdog(name);
        this.importHooks = new ImportHooks(hostDefinedOptions, options.scriptCache(), compiler, watchdog, counters);
        this.functionCompiler = new FunctionCompiler(compiler, importHooks);
        // Last: the warm-up thread uses this Vm.
        this.warmer = options.warmUp() ? EngineWarmer.start(name, new WarmUpSteps()) : null;
    }

    /**
     * The warm-up's steps: the same code paths as {@link #createContext} + {@link Script#runInContext} and
     * {@link #compile}, but counted apart (not in {@link #stats()}), not tracked as open (the warm-up is stopped
     * before the Vm closes its contexts) and not through the compile cache. Used by the warm-up thread only.
     */
    private final class WarmUpSteps implements EngineWarmer.Steps {
        private final VmCounters uncounted = new VmCounters(false);
        private @Nullable GraalScript tiny;

        @Override
        public void context() {
            GraalScript script = tiny;
            if (script == null) {
                script = compileUncached("1 + 1", ScriptOptions.defaults());
                tiny = script;
            }
            GraalContext context = newContext(Map.of(), ContextOptions.defaults(), false, uncounted);
            try {
                script.runInContext(context);
            } finally {
                context.close();
            }
        }

        @Override
        public void compile(String code) {
            ensureOpen();
            compileUncached(code, ScriptOptions.defaults());
        }
    }

    /** The background warm-up ({@code VmOptions.warmUp}), {@code null} when off; for tests. */
    @Nullable EngineWarmer warmer() {
        return warmer;
    }

    @Override
    public Script compile(String code, ScriptOptions options) {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        return scriptCache.get(code, options, () -> compileUncached(code, options));
    }

    private GraalScript compileUncached(String code, ScriptOptions options) {
        ImportHooks.HookedCode compiled = importHooks.compile(code,
                SourceOrigin.of(options.filename(), options.lineOffset(), options.columnOffset()), options.importModuleDynamically());
        GraalScript script = new GraalScript(this, compiled.code(), options, AbsentGlobalGuard.mayDeclare(code));
        compiled.bind(script);
        return script;
    }

    /** The watchdog of this Vm's runs (tests wait on its warnings). */
    Watchdog watchdog() {
        return watchdog;
    }

    @Override
    public VmContext createContext(Map<String, ?> globals, ContextOptions options) {
        return newContext(globals, options, false, counters);
    }

    /**
     * A new context; a {@code queueing} one makes concurrent runs wait instead of failing (the main context).
     * Counted in {@code counts}; tracked as open (and in {@link #stats()}) only when that is this Vm's counters.
     */
    private GraalContext newContext(Map<String, ?> globals, ContextOptions options, boolean queueing, VmCounters counts) {
        Objects.requireNonNull(globals, "globals must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        String description = "context " + contextIds.incrementAndGet()
                + (options.name() == null ? "" : " '" + options.name() + "'") + " of " + name;
        ModuleFileSystem files = new ModuleFileSystem(options.moduleRoot());
        ConsoleOutput console = new ConsoleOutput(options);
        if (options.maxStackDepth() > 0) {
            stackDepthLimiting.ensureAttached();
        }
        Context polyglot;
        try {
            polyglot = contextFactory.create(options, files, console);
        } catch (OutOfMemoryError heapFull) {
            // Creating a context allocates its realm outside any run; a full heap must not reach the caller raw.
            throw ContextRunner.heapExhausted(description);
        }
        ContextRunner runner = new ContextRunner(polyglot, description, watchdog, carriers, counts, runInstruments, openContexts::remove, queueing,
                console, options.maxStackDepth(), options.budget());
        counts.contextCreated();
        if (counts == counters) {
            openContexts.add(runner);
        }
        if (closed) {
            runner.close();
            throw closedException();
        }
        GraalContext context = new GraalContext(this, runner, options, files, CLEANER);
        try {
            globals.forEach((key, value) -> {
                if (key == null) {
                    throw new InvalidArgumentException("globals has a null key");
                }
                context.defineInitialGlobal(key, value);
            });
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return context;
    }

    @Override
    public boolean isContext(Object candidate) {
        return candidate instanceof GraalContext context && context.vm() == this;
    }

    @Override
    public JsFunction compileFunction(String body, List<String> params, FunctionOptions options) {
        Objects.requireNonNull(body, "body must not be null");
        Objects.requireNonNull(params, "params must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        GraalContext context = options.parsingContext() == null ? mainContext() : own(options.parsingContext(), "parsingContext");
        return functionCompiler.compile(body, params, options, context);
    }

    @Override
    public SourceTextModule sourceTextModule(String code, ModuleOptions options) {
        Objects.requireNonNull(code, "code must not be null");
        SharedModuleTexts.SharedText known = moduleTexts.known(code);
        return newModule(options, identifier -> {
            if (known == null) {
                compiler.checkModule(code, identifier);
            }
        }, (context, identifier) -> {
            SharedModuleTexts.SharedText shared = known != null ? known : moduleTexts.get(code);
            ModuleRequestScanner.ModuleScan scan = shared == null ? ModuleRequestScanner.scan(code) : shared.scan();
            ModuleAddress address = shared != null && context.modules().claimSharedKey(shared.keyName())
                    ? new ModuleAddress(ContextModules.KEY_PREFIX + name + "/" + shared.keyName() + ".mjs", shared.token())
                    : privateAddress(".mjs");
            return new GraalSourceTextModule(context, identifier, address, options, code, scan, compiler::hasTopLevelAwait);
        });
    }

    @Override
    public SyntheticModule syntheticModule(List<String> exportNames, SyntheticModule.@Nullable Evaluator evaluator, ModuleOptions options) {
        return asyncSyntheticModule(exportNames, evaluator == null ? null : module -> {
            evaluator.evaluate(module);
            return null;
        }, options);
    }

    @Override
    public SyntheticModule asyncSyntheticModule(List<String> exportNames, SyntheticModule.@Nullable AsyncEvaluator evaluator,
            ModuleOptions options) {
        Objects.requireNonNull(exportNames, "exportNames must not be null");
        Set<String> distinct = new HashSet<>();
        for (int i = 0; i < exportNames.size(); i++) {
            String name = exportNames.get(i);
            Objects.requireNonNull(name, "exportNames[" + i + "] must not be null");
            if (!distinct.add(name)) {
                throw new InvalidArgumentException("exportNames has '" + name + "' more than once");
            }
            if (!JsStrings.isWellFormed(name)) {
                throw new InvalidArgumentException("exportNames[" + i + "] has an unpaired surrogate; export names must be well-formed");
            }
        }
        return newModule(options, identifier -> { },
                (context, identifier) -> new GraalSyntheticModule(context, identifier, privateAddress(".mjs"), options, exportNames, evaluator));
    }

    @Override
    public Module.Json jsonModule(String json, ModuleOptions options) {
        Objects.requireNonNull(json, "json must not be null");
        return newModule(options, identifier -> compiler.checkJson(json, identifier),
                (context, identifier) -> new GraalJsonModule(context, identifier, privateAddress(".json"), options, json));
    }

    private interface ModuleFactory<M extends GraalModule> {
        M create(GraalContext context, String identifier);
    }

    /** A key no other module of this Vm has, ending in {@code extension}, and a new token. */
    private ModuleAddress privateAddress(String extension) {
        return new ModuleAddress(ContextModules.KEY_PREFIX + name + "/" + moduleIds.incrementAndGet() + extension, ModuleBridge.newToken());
    }

    /** The module texts shared across contexts; for tests. */
    SharedModuleTexts moduleTexts() {
        return moduleTexts;
    }

    /** Checks ({@code check} gets the identifier), creates and registers a new module in its context. */
    private <M extends GraalModule> M newModule(ModuleOptions options, Consumer<String> check, ModuleFactory<M> factory) {
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        GraalContext context = options.context() == null ? mainContext() : own(options.context(), "context");
        String identifier = options.identifier() != null ? options.identifier() : context.modules().nextDefaultIdentifier();
        check.accept(identifier);
        M module = factory.create(context, identifier);
        module.useHostDefinedOptions(importHooks.bind(options.importModuleDynamically(), module.asModule()));
        return context.modules().add(module);
    }

    /** The context of runInThisContext, of compileFunction without a parsing context, and of modules without a context. */
    GraalContext mainContext() {
        synchronized (mainContextLock) {
            // One that a run closed (the heap ran out, or the run resisted its limit) is replaced: only
            // closing the Vm ends its main context, as nothing a run does may wedge the Vm.
            if (mainContext == null || mainContext.isClosed()) {
                mainContext = newContext(Map.of(), ContextOptions.builder().name("main").build(), true, counters);
            }
            return mainContext;
        }
    }

    /** Checks that {@code context} is a context of this Vm and returns its implementation. */
    GraalContext own(VmContext context, String parameter) {
        Objects.requireNonNull(context, parameter + " must not be null");
        if (!isContext(context)) {
            throw new InvalidArgumentException(parameter + " " + context + " was not created by " + name
                    + "; scripts and functions run only in contexts of the Vm that compiled them");
        }
        return (GraalContext) context;
    }

    AbsentGlobalGuard absentGlobals() {
        return absentGlobals;
    }

    ImportHooks importHooks() {
        return importHooks;
    }

    /** Open contexts, the main context included; for tests of the cleanup path. */
    int openContextCount() {
        return openContexts.size();
    }

    @Override
    public ScriptCacheStats scriptCacheStats() {
        return scriptCache.stats();
    }

    @Override
    public VmStats stats() {
        return counters.snapshot(openContexts.size(), scriptCache.stats());
    }

    @Override
    public RuntimeInfo runtimeInfo() {
        ensureOpen();
        return EngineFactory.runtimeInfo(engine);
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private VmClosedException closedException() {
        return new VmClosedException(name + " is closed");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (warmer != null) {
            warmer.stop(); // before the contexts and the engine close under it
        }
        for (ContextRunner runner : List.copyOf(openContexts)) {
            runner.close();
        }
        scriptCache.clear();
        importHooks.clear();
        compiler.close();
        absentGlobals.close();
        watchdog.close();
        try {
            engine.close(true);
        } catch (RuntimeException e) {
            LOG.debug("Closing the engine of {} failed", name, e);
        }
        carriers.close();
    }

    @Override
    public String toString() {
        return "Vm[" + name + (closed ? ", closed" : "") + "]";
    }
}
