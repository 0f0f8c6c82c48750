package io.github.jsvm.engine;

import io.github.jsvm.InspectorOptions;
import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.RuntimeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.graalvm.polyglot.Engine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the shared polyglot engine of a {@link GraalJsVm} and reports whether its JIT is on. */
final class EngineFactory {
    private static final Logger LOG = LoggerFactory.getLogger(EngineFactory.class);
    private static final String INTERPRETED = "Interpreted";

    /*
     * One warning per JVM is the point: the JIT is a property of the JVM's flags, not of a Vm, and
     * repeating the warning for every Vm would drown it.
     */
    private static final AtomicBoolean INTERPRETER_WARNING_LOGGED = new AtomicBoolean();

    private EngineFactory() {}

    static Engine create(@Nullable InspectorOptions inspector, boolean lazyFunctionTranslation) {
        Engine.Builder builder = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                /*
                 * An internal GraalJS option, hence the experimental switch: it must be set on the
                 * engine (a context's value is not what the shared parsed code was translated with).
                 */
                .allowExperimentalOptions(true)
                .option("js.lazy-translation", Boolean.toString(lazyFunctionTranslation))
                .option(DataImportGuard.ID, "true")
                .logHandler(new Slf4jHandler());
        Engine engine;
        if (inspector == null) {
            engine = builder.build();
        } else {
            String suspend = Boolean.toString(inspector.suspend());
            builder.option("inspect", Integer.toString(inspector.port()))
                    .option("inspect.Suspend", suspend)
                    .option("inspect.WaitAttached", suspend);
            try {
                engine = builder.build();
            } catch (IllegalArgumentException rejected) {
                String reason = String.valueOf(rejected.getMessage());
                throw new InvalidArgumentException(reason.startsWith("Could not find option")
                        ? "The inspector needs org.graalvm.tools:chromeinspector-tool "
                                + java.util.Objects.requireNonNullElse(polyglotVersion(), "(the GraalJS version)")
                                + " on the class or module path (" + reason + ")"
                        : "The inspector cannot start: " + reason);
            }
        }
        if (!runtimeInfo(engine).optimizing() && INTERPRETER_WARNING_LOGGED.compareAndSet(false, true)) {
            LOG.warn("GraalJS runs interpreter-only in this JVM (about 10x slower for compute-heavy scripts). "
                    + "Run on JDK 25 with -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI and "
                    + "--upgrade-module-path=<dir holding org.graalvm.compiler:compiler {} and its dependencies> "
                    + "to enable the optimizing compiler; see the README section 'Turning the JIT on'.",
                    engine.getVersion());
        }
        return engine;
    }

    static RuntimeInfo runtimeInfo(Engine engine) {
        String name = engine.getImplementationName();
        String version = polyglotVersion();
        return new RuntimeInfo(name, version == null ? engine.getVersion() : version, !INTERPRETED.equals(name));
    }

    /**
     * The polyglot SDK's release, {@code null} if unknown; {@code Engine.getVersion()} says
     * "Development Build" outside a GraalVM distribution.
     */
    private static @Nullable String polyglotVersion() {
        try (InputStream in = Engine.class.getResourceAsStream("/META-INF/graalvm/org.graalvm.polyglot/version")) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
        } catch (IOException e) {
            LOG.debug("Cannot read the polyglot version", e);
        }
        return null;
    }

    /** Forwards the engine's own log records to SLF4J instead of standard error. */
    private static final class Slf4jHandler extends Handler {
        private static final Logger ENGINE_LOG = LoggerFactory.getLogger("io.github.jsvm.engine.graal");

        @Override
        public void publish(LogRecord record) {
            int level = record.getLevel().intValue();
            String message = "[" + record.getLoggerName() + "] " + record.getMessage();
            if (level >= java.util.logging.Level.SEVERE.intValue()) {
                ENGINE_LOG.error(message, record.getThrown());
            } else if (level >= java.util.logging.Level.WARNING.intValue()) {
                ENGINE_LOG.warn(message, record.getThrown());
            } else if (level >= java.util.logging.Level.INFO.intValue()) {
                ENGINE_LOG.info(message, record.getThrown());
            } else {
                ENGINE_LOG.debug(message, record.getThrown());
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }
}
