package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.ImportReferrer;
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
import org.graalvm.polyglot.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Vm} on one shared GraalJS engine.
 *
 * <p>Owns the engine, the parser context, the watchdog, the lazily created main context and every
 * open context (so that {@link #close()} can close them). Contexts are tracked by their cores,
 * never by the wrappers users hold, so tracking does not keep a forgotten context alive.
 */
final class GraalVm implements Vm {
    private static final Logger LOG = LoggerFactory.getLogger(GraalVm.class);
    private static final AtomicInteger VM_IDS = new AtomicInteger();
    /* One daemon thread for the whole library closes contexts that users dropped without closing. */
    private static final Cleaner CLEANER = Cleaner.create();
    private static final java.time.Duration JANITOR_PERIOD = java.time.Duration.ofMillis(500);

    private final String name = "jsvm-" + VM_IDS.incrementAndGet();
    private final AtomicInteger contextIds = new AtomicInteger();
    private final AtomicLong moduleIds = new AtomicLong();
    private final Engine engine;
    private final ContextFactory contextFactory;
    private final ScriptCompiler compiler;
    private final FunctionCompiler functionCompiler;
    private final Watchdog watchdog;
    private final HostDefinedOptionsRegistry hostDefinedOptions;
    private final ScriptCache scriptCache;
    private final SharedCodeTable sharedCode;
    private final AbsentGlobalGuard absentGlobals;
    private final Set<ContextCore> openContexts = ConcurrentHashMap.newKeySet();
    private final Object mainContextLock = new Object();
    private GraalContext mainContext;
    private volatile boolean closed;

    GraalVm(VmOptions options) {
        this(options, new WeakHostDefinedOptionsRegistry());
    }

    /** A Vm with another registry: only for tests that prove the collectability suite can fail. */
    GraalVm(VmOptions options, HostDefinedOptionsRegistry hostDefinedOptions) {
        this.hostDefinedOptions = hostDefinedOptions;
        this.scriptCache = new ScriptCache(options.scriptCache());
        this.sharedCode = new SharedCodeTable(options.scriptCache());
        this.engine = EngineFactory.create(options.inspector());
        this.contextFactory = new ContextFactory(engine);
        this.absentGlobals = new AbsentGlobalGuard(contextFactory);
        this.compiler = new ScriptCompiler(contextFactory);
        this.functionCompiler = new FunctionCompiler(compiler);
        this.watchdog = new Watchdog(name);
        watchdog.every(JANITOR_PERIOD, new SourceJanitor(compiler));
    }

    @Override
    public Script compile(String code, ScriptOptions options) {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        return scriptCache.get(code, options, () -> compileUncached(code, options));
    }

    private GraalScript compileUncached(String code, ScriptOptions options) {
        HookedCode compiled = compileCode(code,
                SourceOrigin.of(options.filename(), options.lineOffset(), options.columnOffset()), options.importModuleDynamically());
        GraalScript script = new GraalScript(this, compiled.code(), options, AbsentGlobalGuard.mayDeclare(code));
        if (compiled.options() != null) {
            compiled.options().bind(script);
        }
        return script;
    }

    /**
     * Compiled code and, for a custom hook, its options (not yet bound to a referrer; {@code null}
     * for the two constant hooks, whose code keeps sharing sources with equal code).
     */
    record HookedCode(CompiledCode code, HostDefinedOptions options) {}

    /**
     * Parses {@code code} for {@code hook}. A custom hook gets registered options; its code is private
     * the first time this Vm sees the code and shared after that (see {@link SharedCodeTable}).
     */
    HookedCode compileCode(String code, SourceOrigin origin, ImportModuleDynamically hook) {
        if (!HostDefinedOptions.isCustom(hook)) {
            SourceOrigin marked = origin.withImportKey(hook == ImportModuleDynamically.NONE ? null : SourceOrigin.DEFAULT_LOADER);
            return new HookedCode(new CompiledCode.Plain(compiler.compile(code, marked)), null);
        }
        HostDefinedOptions hostDefined = hostDefinedOptions.register(hook);
        SharedCodeTable.SharedCode shared = sharedCode.seenBefore(code, origin);
        if (shared == null) {
            return new HookedCode(privateCode(code, origin, hostDefined), hostDefined);
        }
        Object anchor = hostDefinedOptions.sharedAnchor(hostDefined);
        Source source = shared.source(key -> compiler.compile(anchor == null ? code : new ScriptText(code, anchor),
                origin.withImportKey(key)));
        return new HookedCode(new CompiledCode.Shared(source, shared.key(), hostDefined,
                () -> privateCode(code, origin, hostDefined)), hostDefined);
    }

    /** Code of its own for {@code hostDefined}: the text anchors the options, the URI names them. */
    private CompiledCode.Private privateCode(String code, SourceOrigin origin, HostDefinedOptions hostDefined) {
        ScriptText text = new ScriptText(code, hostDefinedOptions.anchor(hostDefined));
        SourceOrigin marked = origin.withImportKey(hostDefined.id());
        return new CompiledCode.Private(compiler.compile(text, marked), text, marked);
    }

    /** Registers the options of a custom {@code hook} whose referrer already exists; {@code null} for the constants. */
    HostDefinedOptions registerHook(ImportModuleDynamically hook, ImportReferrer referrer) {
        if (!HostDefinedOptions.isCustom(hook)) {
            return null;
        }
        HostDefinedOptions hostDefined = hostDefinedOptions.register(hook);
        hostDefined.bind(referrer);
        return hostDefined;
    }

    @Override
    public VmContext createContext(Map<String, ?> globals, ContextOptions options) {
        return newContext(globals, options, false);
    }

    /** A new context; a {@code queueing} one makes concurrent runs wait instead of failing (the main context). */
    private GraalContext newContext(Map<String, ?> globals, ContextOptions options, boolean queueing) {
        Objects.requireNonNull(globals, "globals must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        String description = "context " + contextIds.incrementAndGet()
                + (options.name() == null ? "" : " '" + options.name() + "'") + " of " + name;
        ModuleFileSystem files = new ModuleFileSystem(options.moduleRoot());
        Context polyglot = contextFactory.create(options, files);
        ContextCore core = new ContextCore(polyglot, description, watchdog, openContexts::remove, queueing);
        openContexts.add(core);
        if (closed) {
            core.close();
            throw closedException();
        }
        GraalContext context = new GraalContext(this, core, options, files, CLEANER);
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
        return newModule(options, ".mjs", identifier -> compiler.checkModule(code, identifier),
                (context, identifier, key) -> new GraalSourceTextModule(context, identifier, key, options, code, compiler::hasTopLevelAwait));
    }

    @Override
    public SyntheticModule syntheticModule(List<String> exportNames, SyntheticModule.Evaluator evaluator, ModuleOptions options) {
        return asyncSyntheticModule(exportNames, evaluator == null ? null : module -> {
            evaluator.evaluate(module);
            return null;
        }, options);
    }

    @Override
    public SyntheticModule asyncSyntheticModule(List<String> exportNames, SyntheticModule.AsyncEvaluator evaluator,
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
        return newModule(options, ".mjs", identifier -> { },
                (context, identifier, key) -> new GraalSyntheticModule(context, identifier, key, options, exportNames, evaluator));
    }

    @Override
    public Module.Json jsonModule(String json, ModuleOptions options) {
        Objects.requireNonNull(json, "json must not be null");
        return newModule(options, ".json", identifier -> compiler.checkJson(json, identifier),
                (context, identifier, key) -> new GraalJsonModule(context, identifier, key, options, json));
    }

    private interface ModuleFactory<M extends GraalModule> {
        M create(GraalContext context, String identifier, String key);
    }

    /** Numbers, checks ({@code check} gets the identifier) and registers a new module in its context. */
    private <M extends GraalModule> M newModule(ModuleOptions options, String extension, Consumer<String> check,
            ModuleFactory<M> factory) {
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        GraalContext context = options.context() == null ? mainContext() : own(options.context(), "context");
        long number = moduleIds.incrementAndGet();
        String identifier = options.identifier() != null ? options.identifier() : context.modules().nextDefaultIdentifier();
        check.accept(identifier);
        M module = factory.create(context, identifier, ContextModules.KEY_PREFIX + name + "/" + number + extension);
        module.useHostDefinedOptions(registerHook(options.importModuleDynamically(), module.asModule()));
        return context.modules().add(module);
    }

    /** The context of runInThisContext, of compileFunction without a parsing context, and of modules without a context. */
    GraalContext mainContext() {
        synchronized (mainContextLock) {
            if (mainContext == null) {
                mainContext = newContext(Map.of(), ContextOptions.builder().name("main").build(), true);
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

    /** The table of code compiled with hooks; for tests. */
    SharedCodeTable sharedCode() {
        return sharedCode;
    }

    HostDefinedOptionsRegistry hostDefinedOptions() {
        return hostDefinedOptions;
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
        for (ContextCore core : List.copyOf(openContexts)) {
            core.close();
        }
        scriptCache.clear();
        sharedCode.clear();
        compiler.close();
        absentGlobals.close();
        watchdog.close();
        try {
            engine.close(true);
        } catch (RuntimeException e) {
            LOG.debug("Closing the engine of {} failed", name, e);
        }
    }

    @Override
    public String toString() {
        return "Vm[" + name + (closed ? ", closed" : "") + "]";
    }
}
