package io.github.jsvm.engine;

import io.github.jsvm.ContextBudget;
import io.github.jsvm.ContextOptions;
import io.github.jsvm.GlobalObject;
import io.github.jsvm.HostFunction;
import io.github.jsvm.VmContext;
import io.github.jsvm.VmException;
import io.github.jsvm.RunOptions;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * A {@link VmContext} on a polyglot context. The wrapper users hold; its {@link ContextRunner} does
 * the work and is closed by the cleaner if the wrapper is dropped unclosed.
 */
final class GraalContext implements VmContext {
    private final GraalJsVm vm;
    private final ContextRunner runner;
    private final ContextOptions options;
    private final ValueConverter converter;
    private final ContextModules modules;
    /* The context's own hook, for code compiled from strings; registered like every other. */
    private final HostDefinedOptions hostDefined;
    private final Cleaner.Cleanable cleanable;
    private final SharedCodeUsers sharedCodeUsers = new SharedCodeUsers();
    /*
     * Plain code parsed for this context, run without the engine's source-cache lookup that every
     * Context.eval pays. Weak in the code, which alone holds the source: a dropped script leaves no
     * entry; the parsed value does not reach the code. Only runs read and fill it, one at a time (the
     * runner's one-run rule orders them, whatever their threads), so it takes no lock: an uncontended
     * lock per run was a sixth of a tiny run. Closing (possibly from another thread, as a run is
     * cancelled) drops the map instead of emptying it; a run still going then fills a map nobody keeps.
     */
    private volatile @Nullable Map<CompiledCode.Plain, Value> parsedPlainCode = new java.util.WeakHashMap<>();
    /*
     * The host functions handed to the guest, by adapter: each is held here, by this wrapper, for as
     * long as the guest holds its adapter (weak keys), and not by the adapter (see HostFunctionAdapter),
     * so that a function capturing this wrapper does not keep it reachable from the cleanup action.
     */
    private final Map<HostFunctionAdapter, HostFunction> hostFunctions = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    GraalContext(GraalJsVm vm, ContextRunner runner, ContextOptions options, ModuleFileSystem files, Cleaner cleaner) {
        this.vm = vm;
        this.runner = runner;
        this.options = options;
        this.modules = new ContextModules(this);
        files.attach(modules);
        this.hostDefined = vm.importHooks().bind(options.importModuleDynamically(), this);
        this.cleanable = cleaner.register(this, runner);
        ValueConverter created;
        try {
            created = runner.initialize(() -> {
                ValueConverter converter = new ValueConverter(runner, this, options.exposeHostErrorMessages());
                ImportSeam.install(runner.polyglot(), new ImportResolver(this, vm.importHooks()));
                modules.install(runner.polyglot());
                return converter;
            });
        } catch (RuntimeException e) {
            cleanable.clean();
            throw e;
        }
        this.converter = created;
        runner.releaseOnClose(releasing(new WeakReference<>(this)));
    }

    /* Weakly: the runner is this wrapper's cleanup action and must not keep it reachable. */
    private static Runnable releasing(WeakReference<GraalContext> wrapper) {
        return () -> {
            GraalContext context = wrapper.get();
            if (context != null) {
                context.sharedCodeUsers.clear();
                context.hostFunctions.clear();
                context.parsedPlainCode = null;
                context.converter.release();
                context.modules.release();
            }
        };
    }

    GraalJsVm vm() {
        return vm;
    }

    ContextRunner runner() {
        return runner;
    }

    ValueConverter converter() {
        return converter;
    }

    /** Keeps {@code function} reachable for as long as this wrapper and the guest's {@code adapter} of it are. */
    void keepReachable(HostFunctionAdapter adapter, HostFunction function) {
        hostFunctions.put(adapter, function);
    }

    /** What serves {@code import()} calls from code compiled from strings in this context. */
    HostDefinedOptions hostDefinedOptions() {
        return hostDefined;
    }

    /** Whose code each source shared across hooks is in this context. */
    SharedCodeUsers sharedCodeUsers() {
        return sharedCodeUsers;
    }

    ContextModules modules() {
        return modules;
    }

    /** Evaluates {@code code}, then lets {@code afterRun} see this context (also when the code threw), and converts the completion value. */
    Object evaluate(CompiledCode code, RunOptions runOptions, Consumer<GraalContext> afterRun) {
        return run(runOptions, converter -> {
            Value completion;
            try {
                completion = code instanceof CompiledCode.Plain plain ? parsed(plain).execute() : runner.polyglot().eval(code.sourceIn(this));
            } finally {
                afterRun.accept(this);
            }
            return converter.toJava(completion);
        });
    }

    /** {@code code} parsed in this context, once; called inside a run. */
    private Value parsed(CompiledCode.Plain code) {
        Map<CompiledCode.Plain, Value> parsedCode = parsedPlainCode;
        Value parsed = parsedCode == null ? null : parsedCode.get(code);
        if (parsed == null) {
            parsed = runner.polyglot().parse(code.source());
            if (parsedCode != null) {
                parsedCode.put(code, parsed);
            }
        }
        return parsed;
    }

    /** How many scripts this context holds parsed; for tests. */
    int parsedPlainCodeCount() {
        Map<CompiledCode.Plain, Value> parsedCode = parsedPlainCode;
        return parsedCode == null ? 0 : parsedCode.size();
    }

    Object call(Value function, List<?> args, RunOptions runOptions) {
        return run(runOptions, converter -> {
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
    <T> T run(@Nullable RunOptions limits, Function<ValueConverter, T> work) {
        // Options that set nothing (the common no-argument run) complete to the context's own: skip the merge.
        RunOptions effective = limits == null || limits == RunOptions.defaults() ? options.runOptions() : limits.orElse(options.runOptions());
        try {
            return runner.run(effective, () -> translatingErrors(converter -> settlingModules(converter, work)));
        } catch (VmException stopped) {
            modules.failCutShort(stopped); // as the runner reports the stop that cut a module's body short
            throw stopped;
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
    <T> T runOrJoin(@Nullable RunOptions limits, Function<ValueConverter, T> work) {
        return runner.isRunningOnCurrentThread() ? translatingErrors(work) : run(limits, work);
    }

    private <T> T translatingErrors(Function<ValueConverter, T> work) {
        try {
            return work.apply(converter);
        } catch (PolyglotException failure) {
            if (failure.isInterrupted() || failure.isCancelled() || ContextRunner.isHeapExhaustion(failure)) {
                if (failure.isInterrupted()) {
                    modules.noteCutShort(failure);
                }
                throw failure; // the runner reports these as what stopped the run
            }
            throw ErrorTranslator.translate(failure, converter, modules::originOf);
        }
    }

    @Override
    public @Nullable String name() {
        return options.name();
    }

    @Override
    public ContextOptions options() {
        return options;
    }

    @Override
    public @Nullable Object global(String name, RunOptions runOptions) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        return run(runOptions, converter -> converter.readGlobal(name));
    }

    @Override
    public void setGlobal(String name, @Nullable Object value, RunOptions runOptions) {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        run(runOptions, converter -> {
            converter.writeGlobal(name, value);
            return null;
        });
    }

    /** Defines a global handed to {@code createContext} (see {@link ValueConverter#defineGlobal}). */
    void defineInitialGlobal(String name, @Nullable Object value) {
        Objects.requireNonNull(name, "name must not be null");
        run(RunOptions.defaults(), converter -> {
            converter.defineGlobal(name, value);
            return null;
        });
    }

    @Override
    public Map<String, @Nullable Object> globals(RunOptions runOptions) {
        Objects.requireNonNull(runOptions, "runOptions must not be null");
        return run(runOptions, ValueConverter::globals);
    }

    @Override
    public GlobalObject globalObject() {
        return new GraalGlobalObject(this);
    }

    @Override
    public ContextBudget.Remaining budgetRemaining() {
        return runner.budgetRemaining();
    }

    @Override
    public boolean isClosed() {
        return runner.isClosed();
    }

    @Override
    public void close() {
        cleanable.clean();
    }

    @Override
    public String toString() {
        return "VmContext[" + runner.description() + (isClosed() ? ", closed" : "") + "]";
    }
}
