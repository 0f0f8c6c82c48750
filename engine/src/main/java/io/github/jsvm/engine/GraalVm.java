package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.FunctionOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.JsFunction;
import io.github.jsvm.RuntimeInfo;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmClosedException;
import io.github.jsvm.VmContext;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
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

    private final String name = "jsvm-" + VM_IDS.incrementAndGet();
    private final AtomicInteger contextIds = new AtomicInteger();
    private final Engine engine;
    private final ContextFactory contextFactory;
    private final ScriptCompiler compiler;
    private final FunctionCompiler functionCompiler;
    private final Watchdog watchdog;
    private final Set<ContextCore> openContexts = ConcurrentHashMap.newKeySet();
    private final Object mainContextLock = new Object();
    private GraalContext mainContext;
    private volatile boolean closed;

    GraalVm() {
        this.engine = EngineFactory.create();
        this.contextFactory = new ContextFactory(engine);
        this.compiler = new ScriptCompiler(contextFactory);
        this.functionCompiler = new FunctionCompiler(compiler);
        this.watchdog = new Watchdog(name);
    }

    @Override
    public Script compile(String code, ScriptOptions options) {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        SourceOrigin origin = SourceOrigin.of(options.filename(), options.lineOffset(), options.columnOffset());
        return new GraalScript(this, compiler.compile(code, origin), options);
    }

    @Override
    public VmContext createContext(Map<String, ?> globals, ContextOptions options) {
        Objects.requireNonNull(globals, "globals must not be null");
        Objects.requireNonNull(options, "options must not be null");
        ensureOpen();
        String description = "context " + contextIds.incrementAndGet()
                + (options.name() == null ? "" : " '" + options.name() + "'") + " of " + name;
        Context polyglot = contextFactory.create(options);
        ContextCore core = new ContextCore(polyglot, description, watchdog, openContexts::remove);
        openContexts.add(core);
        if (closed) {
            core.close();
            throw closedException();
        }
        GraalContext context = new GraalContext(this, core, options, CLEANER);
        try {
            globals.forEach((key, value) -> {
                if (key == null) {
                    throw new InvalidArgumentException("globals has a null key");
                }
                context.setGlobal(key, value);
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

    private GraalContext mainContext() {
        synchronized (mainContextLock) {
            if (mainContext == null) {
                mainContext = (GraalContext) createContext(Map.of(), ContextOptions.builder().name("main").build());
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

    /** Open contexts, the main context included; for tests of the cleanup path. */
    int openContextCount() {
        return openContexts.size();
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
        compiler.close();
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
