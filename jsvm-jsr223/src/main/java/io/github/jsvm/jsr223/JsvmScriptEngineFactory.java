package io.github.jsvm.jsr223;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.Vm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@code javax.script} factory of jsvm engines, registered as a service: {@code new
 * ScriptEngineManager().getEngineByName("jsvm")} finds it, as do the extension {@code "js"} and the
 * MIME types {@code application/javascript} and {@code text/javascript}.
 *
 * <p>It answers to the name {@code "jsvm"} only, not to {@code "js"} or {@code "JavaScript"}: code
 * asking for those names usually expects Nashorn's or GraalJS's Java interop, which the sandbox
 * denies. Extensions and MIME types are shared by every JavaScript engine, so when several are
 * present the manager returns the first one it finds; ask for {@code "jsvm"} by name to be sure.
 *
 * <h2>Ownership</h2>
 * All engines of one factory share one {@link Vm}, so they share compiled code and the compile cache.
 * A factory made with the no-argument constructor (as the {@link java.util.ServiceLoader} makes it)
 * creates its {@code Vm} on the first {@link #getScriptEngine()} and owns it: {@link #close()} closes it,
 * and so does garbage collection once the factory and all its engines are unreachable. A factory made
 * with {@link #JsvmScriptEngineFactory(Vm)} uses the caller's {@code Vm} and never closes it. Each engine
 * owns its sandboxed contexts (see {@link JsvmScriptEngine}). Thread-safe.
 */
public final class JsvmScriptEngineFactory implements ScriptEngineFactory, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();
    private static final String NAME = "jsvm";
    private static final String LANGUAGE = "ECMAScript";
    /* GraalJS's default (latest) ECMAScript edition. */
    private static final String LANGUAGE_VERSION = "2025";
    private static final String VERSION = readVersion();

    private final ContextOptions contextOptions;
    private final @Nullable OwnedVm owned;
    private final @Nullable Vm supplied;

    /** A factory that creates and owns its {@link Vm}, with default context options. */
    public JsvmScriptEngineFactory() {
        this.contextOptions = ContextOptions.defaults();
        this.owned = new OwnedVm();
        this.supplied = null;
        CLEANER.register(this, owned);
    }

    /** A factory whose engines run in {@code vm}, which the caller keeps owning, with default context options. */
    public JsvmScriptEngineFactory(Vm vm) {
        this(vm, ContextOptions.defaults());
    }

    /**
     * A factory whose engines run in {@code vm}, which the caller keeps owning, and create their
     * contexts with {@code contextOptions} (run limits, name, code generation, ...); the console
     * streams in it are replaced by each run's {@link javax.script.ScriptContext} writers.
     */
    public JsvmScriptEngineFactory(Vm vm, ContextOptions contextOptions) {
        this.supplied = Objects.requireNonNull(vm, "vm must not be null");
        this.contextOptions = Objects.requireNonNull(contextOptions, "contextOptions must not be null");
        this.owned = null;
    }

    /** A new engine with its own contexts, running in this factory's {@link Vm}. */
    @Override
    public JsvmScriptEngine getScriptEngine() {
        return new JsvmScriptEngine(this, vm(), contextOptions);
    }

    private Vm vm() {
        return supplied != null ? supplied : Objects.requireNonNull(owned, "a factory owns a Vm unless given one").get();
    }

    /** Closes the {@link Vm} this factory created, with every context of its engines; a caller's {@code Vm} stays open. Idempotent. */
    @Override
    public void close() {
        if (owned != null) {
            owned.run();
        }
    }

    @Override
    public String getEngineName() {
        return NAME;
    }

    @Override
    public String getEngineVersion() {
        return VERSION;
    }

    /** {@code ["js"]}: not {@code "mjs"}, since the engine runs scripts, not ES modules. */
    @Override
    public List<String> getExtensions() {
        return List.of("js");
    }

    @Override
    public List<String> getMimeTypes() {
        return List.of("application/javascript", "text/javascript");
    }

    @Override
    public List<String> getNames() {
        return List.of(NAME);
    }

    @Override
    public String getLanguageName() {
        return LANGUAGE;
    }

    @Override
    public String getLanguageVersion() {
        return LANGUAGE_VERSION;
    }

    /**
     * The standard keys of {@link ScriptEngine} ({@code ENGINE}, {@code ENGINE_VERSION}, {@code NAME},
     * {@code LANGUAGE}, {@code LANGUAGE_VERSION}) and {@code "THREADING"}, which is {@code
     * "MULTITHREADED"}: an engine may be used from any thread; runs in one engine scope take turns.
     * {@code null} for other keys.
     */
    @Override
    public @Nullable Object getParameter(String key) {
        return switch (Objects.requireNonNull(key, "key must not be null")) {
            case ScriptEngine.ENGINE -> getEngineName();
            case ScriptEngine.ENGINE_VERSION -> getEngineVersion();
            case ScriptEngine.NAME -> NAME;
            case ScriptEngine.LANGUAGE -> getLanguageName();
            case ScriptEngine.LANGUAGE_VERSION -> getLanguageVersion();
            case "THREADING" -> "MULTITHREADED";
            default -> null;
        };
    }

    /** {@code obj.m(arg1, arg2)}. */
    @Override
    public String getMethodCallSyntax(String obj, String m, String... args) {
        Objects.requireNonNull(obj, "obj must not be null");
        Objects.requireNonNull(m, "m must not be null");
        return obj + "." + m + "(" + String.join(", ", args) + ")";
    }

    /** {@code console.log("...")} with {@code toDisplay} as a JavaScript string literal. */
    @Override
    public String getOutputStatement(String toDisplay) {
        return "console.log(" + JsStrings.literal(Objects.requireNonNull(toDisplay, "toDisplay must not be null")) + ")";
    }

    /** The statements, each ended by {@code ;} on a line of its own. */
    @Override
    public String getProgram(String... statements) {
        return java.util.Arrays.stream(statements).map(statement -> statement + ";\n").collect(Collectors.joining());
    }

    private static String readVersion() {
        try (InputStream in = JsvmScriptEngineFactory.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /* The factory's own Vm, created on first use; run() closes it (also as the Cleaner's action, so it must not refer to the factory). */
    private static final class OwnedVm implements Runnable {
        private @Nullable Vm vm;
        private boolean closed;

        synchronized Vm get() {
            if (closed) {
                throw new IllegalStateException("this JsvmScriptEngineFactory is closed");
            }
            if (vm == null) {
                vm = Vm.create();
            }
            return vm;
        }

        @Override
        public synchronized void run() {
            closed = true;
            if (vm != null) {
                vm.close();
            }
        }
    }
}
