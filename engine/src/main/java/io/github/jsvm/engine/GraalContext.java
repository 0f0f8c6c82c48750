package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.GlobalObject;
import io.github.jsvm.ImportModuleDynamically;
import io.github.jsvm.VmContext;
import io.github.jsvm.RunOptions;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * A {@link VmContext} on a polyglot context. The wrapper users hold; its {@link ContextCore} does
 * the work and is closed by the cleaner if the wrapper is dropped unclosed.
 */
final class GraalContext implements VmContext {
    private final GraalVm vm;
    private final ContextCore core;
    private final ContextOptions options;
    private final ValueConverter converter;
    private final ContextModules modules;
    /* The context's own hook, registered like every other (null for the two constants). */
    private final HostDefinedOptions hostDefined;
    private final Cleaner.Cleanable cleanable;
    /*
     * Whose code each shared source (by key) is in this context; see claimSharedCode. Held by the
     * wrapper, never by the core: the options reach hooks, hooks often capture this wrapper, and the
     * core is the cleanup action that must not keep the wrapper reachable. Released on close.
     */
    private final Map<String, HostDefinedOptions> sharedCodeUsers = new ConcurrentHashMap<>();
    /* Bounds what one long-lived context holds for shared code; beyond it, scripts run private copies. */
    static final int MAX_SHARED_CODE = 4096;

    GraalContext(GraalVm vm, ContextCore core, ContextOptions options, ModuleFileSystem files, Cleaner cleaner) {
        this.vm = vm;
        this.core = core;
        this.options = options;
        this.modules = new ContextModules(this);
        files.attach(modules);
        this.hostDefined = vm.registerHook(options.importModuleDynamically(), this);
        this.cleanable = cleaner.register(this, core);
        ValueConverter created;
        try {
            created = core.run(null, () -> {
                ValueConverter converter = new ValueConverter(core, this, options.exposeHostErrorMessages());
                ImportSeam.install(core.polyglot(), new ImportResolver(this));
                modules.install(core.polyglot());
                return converter;
            });
        } catch (RuntimeException e) {
            cleanable.clean();
            throw e;
        }
        this.converter = created;
        core.releaseOnClose(releasing(new WeakReference<>(this)));
    }

    /* Weakly: the core is this wrapper's cleanup action and must not keep it reachable. */
    private static Runnable releasing(WeakReference<GraalContext> wrapper) {
        return () -> {
            GraalContext context = wrapper.get();
            if (context != null) {
                context.sharedCodeUsers.clear();
                context.converter.release();
                context.modules.release();
            }
        };
    }

    GraalVm vm() {
        return vm;
    }

    ContextCore core() {
        return core;
    }

    ValueConverter converter() {
        return converter;
    }

    /** The hook for {@code import()} calls from code compiled from strings. */
    ImportModuleDynamically importHook() {
        return hostDefined != null ? hostDefined.hook() : options.importModuleDynamically();
    }

    ContextModules modules() {
        return modules;
    }

    /** Evaluates {@code code}, then lets {@code afterRun} see this context (also when the code threw), and converts the completion value. */
    Object evaluate(CompiledCode code, RunOptions runOptions, Consumer<GraalContext> afterRun) {
        return guarded(runOptions, converter -> {
            Value completion;
            try {
                completion = core.polyglot().eval(code.sourceIn(this));
            } finally {
                afterRun.accept(this);
            }
            return converter.toJava(completion);
        });
    }

    /**
     * Whether code shared across hooks under {@code key} may run here as the shared source on behalf
     * of {@code options}: yes if it is the first code with that key to run here (from now on an
     * {@code import()} in that code is served by {@code options}) or the one that did; no if another
     * script's code with that key ran here, or this context already holds {@value #MAX_SHARED_CODE}
     * such records (then the caller runs a private copy). Called inside a run of this context.
     */
    boolean claimSharedCode(String key, HostDefinedOptions options) {
        HostDefinedOptions current = sharedCodeUsers.get(key);
        if (current == null) {
            if (sharedCodeUsers.size() >= MAX_SHARED_CODE) {
                return false;
            }
            current = sharedCodeUsers.putIfAbsent(key, options);
            return current == null || current == options;
        }
        return current == options;
    }

    /** The options of the code that ran the shared source {@code key} here, or {@code null}. */
    HostDefinedOptions sharedCodeUser(String key) {
        return sharedCodeUsers.get(key);
    }

    Object call(Value function, List<?> args, RunOptions runOptions) {
        return guarded(runOptions, converter -> {
            Object[] guestArgs = new Object[args.size()];
            for (int i = 0; i < guestArgs.length; i++) {
                guestArgs[i] = converter.toGuest(args.get(i), "argument " + i);
            }
            return converter.toJava(function.execute(guestArgs));
        });
    }

    /**
     * Runs {@code work} as this context's single run, under {@code limits} completed by the
     * context's own ({@code null}: the context's only); guest errors are translated inside the run so
     * that reading the thrown value is covered by the limits too.
     */
    <T> T guarded(RunOptions limits, Function<ValueConverter, T> work) {
        RunOptions effective = limits == null || !limits.isLimited() ? options.runOptions() : limits.orElse(options.runOptions());
        try {
            return core.run(effective, () -> translated(converter -> settlingModules(converter, work)));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /*
     * Modules the guest's import() evaluated report their outcome at the end of the run, also when
     * the run ends with a guest error; not when it was stopped (the context may not run code then).
     */
    private <T> T settlingModules(ValueConverter converter, Function<ValueConverter, T> work) {
        try {
            return settledRun(converter, work);
        } finally {
            modules.releaseHandedOut();
        }
    }

    private <T> T settledRun(ValueConverter converter, Function<ValueConverter, T> work) {
        T result;
        try {
            result = work.apply(converter);
        } catch (PolyglotException failure) {
            if (failure.isGuestException() && !failure.isInterrupted() && !failure.isCancelled()) {
                try {
                    modules.settleStarted();
                } catch (RuntimeException alsoFailed) {
                    failure.addSuppressed(alsoFailed);
                }
            }
            throw failure;
        }
        modules.settleStarted();
        return result;
    }

    /**
     * Runs {@code work} in this context: as its own run, or directly when the current thread is
     * already running code here (a hook, a synthetic module's evaluator, a host function), where a
     * new run would be refused and the enclosing run's deadline already applies.
     */
    <T> T inRun(RunOptions limits, Function<ValueConverter, T> work) {
        return core.isRunningOnCurrentThread() ? translated(work) : guarded(limits, work);
    }

    private <T> T translated(Function<ValueConverter, T> work) {
        try {
            return work.apply(converter);
        } catch (PolyglotException failure) {
            if (failure.isInterrupted() || failure.isCancelled() || ContextCore.isHeapExhaustion(failure)) {
                throw failure; // the core reports these as what stopped the run
            }
            throw ErrorTranslator.translate(failure, converter, modules::originOf);
        }
    }

    @Override
    public String name() {
        return options.name();
    }

    @Override
    public ContextOptions options() {
        return options;
    }

    @Override
    public Object global(String name, RunOptions runOptions) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        return guarded(runOptions, converter -> converter.readGlobal(name));
    }

    @Override
    public void setGlobal(String name, Object value, RunOptions runOptions) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        guarded(runOptions, converter -> {
            converter.writeGlobal(name, value);
            return null;
        });
    }

    /** Defines a global handed to {@code createContext} (see {@link ValueConverter#defineGlobal}). */
    void defineInitialGlobal(String name, Object value) {
        Objects.requireNonNull(name, "name must not be null");
        guarded(RunOptions.defaults(), converter -> {
            converter.defineGlobal(name, value);
            return null;
        });
    }

    @Override
    public Map<String, Object> globals(RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        return guarded(runOptions, ValueConverter::globals);
    }

    @Override
    public GlobalObject globalObject() {
        return new GraalGlobalObject(this);
    }

    @Override
    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "VmContext[" + core.description() + (isClosed() ? ", closed" : "") + "]";
    }
}
