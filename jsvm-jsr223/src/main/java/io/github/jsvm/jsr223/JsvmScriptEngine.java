package io.github.jsvm.jsr223;

import io.github.jsvm.JsFunction;
import io.github.jsvm.Script;
import io.github.jsvm.ScriptOptions;
import io.github.jsvm.Vm;
import io.github.jsvm.VmException;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.script.AbstractScriptEngine;
import javax.script.Bindings;
import javax.script.Compilable;
import javax.script.CompiledScript;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptException;
import javax.script.SimpleBindings;
import org.jspecify.annotations.Nullable;

/**
 * A {@code javax.script} engine whose scripts run in sandboxed jsvm contexts: guest code reaches no
 * Java class, file, socket or thread, only the standard built-ins and the bindings' values.
 *
 * <h2>Bindings: copied, not live</h2>
 * JSR-223 describes bindings as the script's variables; jsvm never lets a live Java object into a
 * context, so this engine copies instead, by one rule:
 * <ul>
 * <li>Each engine-scope {@link Bindings} object (by identity) has its own context, created on first
 *     use: repeated runs against one engine scope share state (functions, variables, objects), while
 *     other engine scopes and other engines see none of it.
 * <li>Before each run, every binding of every scope of the {@link ScriptContext} (the global scope of
 *     the {@link javax.script.ScriptEngineManager} included; the engine scope wins a name clash) is
 *     copied in as a global, converted as {@link Vm} describes; a binding whose Java value is the very
 *     object last copied in or read back is left as the context has it. A name removed from all
 *     scopes is deleted from the context (JavaScript keeps {@code var} and function declarations).
 *     Names starting with {@code javax.script.} are parameters and are never copied.
 * <li>After each run, even one that throws, the globals the run created or reassigned, and every
 *     global holding an object (which may have changed in place), are read back into the
 *     <em>engine</em> scope as fresh copies; globals the run deleted are removed from it. The
 *     global scope is never written. Top-level {@code let}, {@code const} and {@code class}
 *     bindings are not globals and stay in the context.
 * </ul>
 * A value that cannot be copied in (an arbitrary Java object) fails the run with a
 * {@link BindingException}. Objects read back are unmodifiable copies: changing one changes nothing
 * in the context until it is put back.
 *
 * <h2>Output and errors</h2>
 * {@code console.log}, {@code info} and {@code debug} write to the run's {@link ScriptContext#getWriter()},
 * {@code console.error} and {@code warn} to its {@link ScriptContext#getErrorWriter()}. A JavaScript
 * error, syntax error, timeout or exhausted limit ends the run with a {@link ScriptException} whose
 * cause is the jsvm exception and which carries the file name ({@link ScriptEngine#FILENAME}, or
 * jsvm's default), line and column where known; a {@link io.github.jsvm.HostFunction}'s unchecked
 * exception reaches the caller unchanged.
 *
 * <h2>Threads and ownership</h2>
 * Thread-safe: runs against one engine scope take turns, runs against different ones proceed in
 * parallel. The engine owns its contexts: {@link #close()} closes them; so does garbage collection,
 * for the context of a {@code Bindings} object that became unreachable or of an engine that was
 * never closed. The {@link Vm} belongs to the {@link JsvmScriptEngineFactory}.
 */
public final class JsvmScriptEngine extends AbstractScriptEngine implements Compilable, Invocable, AutoCloseable {
    private final JsvmScriptEngineFactory factory;
    private final Vm vm;
    private final Realms realms;

    JsvmScriptEngine(JsvmScriptEngineFactory factory, Vm vm, io.github.jsvm.ContextOptions contextOptions) {
        this.factory = factory;
        this.vm = vm;
        this.realms = new Realms(() -> new Realm(vm, contextOptions));
    }

    @Override
    public @Nullable Object eval(String script, ScriptContext context) throws ScriptException {
        Objects.requireNonNull(script, "script must not be null");
        Objects.requireNonNull(context, "context must not be null");
        return run(context, compile(script, fileName(context)));
    }

    @Override
    public @Nullable Object eval(Reader reader, ScriptContext context) throws ScriptException {
        Objects.requireNonNull(context, "context must not be null");
        return eval(read(reader, fileName(context)), context);
    }

    @Override
    public Bindings createBindings() {
        return new SimpleBindings();
    }

    @Override
    public JsvmScriptEngineFactory getFactory() {
        return factory;
    }

    /**
     * Compiles {@code script} once, with the {@link ScriptEngine#FILENAME} of the engine's context; the
     * result runs against any {@link ScriptContext} of this engine, under the bindings rule above.
     * Compiling equal code again is a hit in the {@link Vm}'s compile cache.
     */
    @Override
    public CompiledScript compile(String script) throws ScriptException {
        Objects.requireNonNull(script, "script must not be null");
        return new JsvmCompiledScript(this, compile(script, fileName(context)));
    }

    @Override
    public CompiledScript compile(Reader script) throws ScriptException {
        return compile(read(script, fileName(context)));
    }

    /**
     * Calls the global function {@code name} of the engine scope's context, after copying the
     * bindings in, and reads changes back as {@link #eval(String, ScriptContext) eval} does.
     *
     * @throws NoSuchMethodException when no such global function exists
     */
    @Override
    public @Nullable Object invokeFunction(String name, @Nullable Object... args) throws ScriptException, NoSuchMethodException {
        Objects.requireNonNull(name, "name must not be null");
        List<Object> arguments = arguments(args);
        return run(context, ScriptOptions.DEFAULT_FILENAME, realm -> {
            if (!(realm.context().global(name) instanceof JsFunction function)) {
                throw new NoSuchMethodException("no global function '" + name + "' in this engine scope");
            }
            return function.call(arguments, io.github.jsvm.RunOptions.defaults());
        });
    }

    /**
     * Calls method {@code name} of {@code thiz}, an object a run of this engine returned (a {@code Map}
     * holding the method as a function). The copy model applies: {@code this} is a fresh copy of
     * {@code thiz} in the engine scope's context, so the method's changes to {@code this} do not reach
     * {@code thiz}.
     *
     * @throws IllegalArgumentException when {@code thiz} is not such an object
     * @throws NoSuchMethodException when {@code thiz} has no function {@code name}
     */
    @Override
    public @Nullable Object invokeMethod(Object thiz, String name, @Nullable Object... args) throws ScriptException, NoSuchMethodException {
        Objects.requireNonNull(name, "name must not be null");
        JsFunction method = method(object(thiz), name);
        List<Object> arguments = arguments(args);
        return run(context, ScriptOptions.DEFAULT_FILENAME, realm -> realm.apply(method, thiz, arguments));
    }

    /**
     * An implementation of interface {@code type} whose abstract methods call the global functions of
     * the same names (see {@link #invokeFunction}); {@code null} when one of them is missing.
     */
    @Override
    public <T> @Nullable T getInterface(Class<T> type) {
        List<String> names = InterfaceProxy.abstractMethodNames(type);
        boolean present;
        try {
            present = Boolean.TRUE.equals(run(context, ScriptOptions.DEFAULT_FILENAME,
                    realm -> names.stream().allMatch(name -> realm.context().global(name) instanceof JsFunction)));
        } catch (ScriptException | NoSuchMethodException e) {
            throw new IllegalStateException("cannot read the engine scope's functions: " + e.getMessage(), e);
        }
        return present ? InterfaceProxy.create(type, this::invokeFunction) : null;
    }

    /**
     * An implementation of interface {@code type} whose abstract methods call the methods of the same
     * names of {@code thiz} (see {@link #invokeMethod}); {@code null} when one of them is missing.
     */
    @Override
    public <T> @Nullable T getInterface(Object thiz, Class<T> type) {
        Map<?, ?> object = object(thiz);
        List<String> names = InterfaceProxy.abstractMethodNames(type);
        if (!names.stream().allMatch(name -> object.get(name) instanceof JsFunction)) {
            return null;
        }
        return InterfaceProxy.create(type, (name, args) -> invokeMethod(thiz, name, args));
    }

    /** Closes every context of this engine; later runs fail with an {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        realms.close();
    }

    @Nullable Object run(ScriptContext scriptContext, Script script) throws ScriptException {
        try {
            return run(scriptContext, script.options().filename(), realm -> script.runInContext(realm.context()));
        } catch (NoSuchMethodException e) {
            throw new AssertionError("a script run looks up no function", e);
        }
    }

    private @Nullable Object run(ScriptContext scriptContext, String fileName, Realm.Action action)
            throws ScriptException, NoSuchMethodException {
        Bindings engineScope = scriptContext.getBindings(ScriptContext.ENGINE_SCOPE);
        if (engineScope == null) {
            throw new IllegalArgumentException("the ScriptContext has no ENGINE_SCOPE bindings");
        }
        try {
            return realms.of(engineScope).run(scriptContext, action);
        } catch (VmException e) {
            throw ScriptExceptions.of(e, fileName);
        } catch (ScriptException | NoSuchMethodException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw ScriptExceptions.of(e, fileName);
        }
    }

    private Script compile(String code, String fileName) throws ScriptException {
        try {
            return vm.compile(code, ScriptOptions.builder().filename(fileName).build());
        } catch (VmException e) {
            throw ScriptExceptions.of(e, fileName);
        }
    }

    private static String fileName(ScriptContext context) {
        return context.getAttribute(ScriptEngine.FILENAME) instanceof String name ? name : ScriptOptions.DEFAULT_FILENAME;
    }

    private static String read(Reader reader, String fileName) throws ScriptException {
        Objects.requireNonNull(reader, "reader must not be null");
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = reader.read(buffer)) != -1; ) {
                text.append(buffer, 0, n);
            }
        } catch (IOException e) {
            ScriptException failure = new ScriptException("cannot read the script: " + e.getMessage(), fileName, -1, -1);
            failure.initCause(e);
            throw failure;
        }
        return text.toString();
    }

    private static List<Object> arguments(Object[] args) {
        return args == null ? List.of() : Arrays.asList(args);
    }

    private static Map<?, ?> object(Object thiz) {
        if (thiz instanceof Map<?, ?> object) {
            return object;
        }
        throw new IllegalArgumentException("thiz must be an object returned by a script of this engine (a Map), not "
                + (thiz == null ? "null" : thiz.getClass().getName()));
    }

    private static JsFunction method(Map<?, ?> object, String name) throws NoSuchMethodException {
        if (object.get(name) instanceof JsFunction function) {
            return function;
        }
        throw new NoSuchMethodException("the object has no function '" + name + "'");
    }

    /* A compiled script bound to this engine; only the compiled code is shared between contexts. */
    private static final class JsvmCompiledScript extends CompiledScript {
        private final JsvmScriptEngine engine;
        private final Script script;

        JsvmCompiledScript(JsvmScriptEngine engine, Script script) {
            this.engine = engine;
            this.script = script;
        }

        @Override
        public @Nullable Object eval(ScriptContext context) throws ScriptException {
            return engine.run(Objects.requireNonNull(context, "context must not be null"), script);
        }

        @Override
        public ScriptEngine getEngine() {
            return engine;
        }
    }
}
