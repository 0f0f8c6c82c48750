package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import java.io.InputStream;
import java.io.OutputStream;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;

/**
 * Builds sandboxed polyglot contexts on a shared engine.
 *
 * <p>Every context gets the same language options except code generation and failing on unhandled
 * rejections, because GraalJS shares compiled code only between contexts whose options match: each
 * other combination of the two forms a sharing layer of its own, which parses each script once more
 * (see {@link AbsentGlobalGuard#layer}).
 */
final class ContextFactory {
    private final Engine engine;

    ContextFactory(Engine engine) {
        this.engine = engine;
    }

    /** A context for user code, reading modules only through {@code files}, writing its console to {@code console}. */
    Context create(ContextOptions options, FileSystem files, ConsoleOutput console) {
        return builder(options, console.out, console.err).allowIO(IOAccess.newBuilder().fileSystem(files).build()).build();
    }

    /** A context that can read no files (the parser context). */
    Context create(ContextOptions options) {
        return builder(options, console(options), errors(options)).allowIO(IOAccess.NONE).build();
    }

    /**
     * A context that can read no files and parses modules without top-level {@code await}: a module
     * that parses in the parser context but not here awaits at its top level.
     */
    Context createWithoutTopLevelAwait() {
        OutputStream discard = OutputStream.nullOutputStream();
        return builder(ContextOptions.defaults(), discard, discard).allowIO(IOAccess.NONE).option("js.top-level-await", "false").build();
    }

    private static OutputStream console(ContextOptions options) {
        OutputStream console = options.consoleOutput();
        return console == null ? OutputStream.nullOutputStream() : console;
    }

    private static OutputStream errors(ContextOptions options) {
        OutputStream errors = options.consoleError();
        return errors == null ? console(options) : errors;
    }

    private Context.Builder builder(ContextOptions options, OutputStream console, OutputStream errors) {
        Context.Builder builder = Context.newBuilder(SourceOrigin.LANGUAGE);
        if (options.failOnUnhandledRejection()) {
            // Set only when asked: an option that differs from the other contexts' starts a sharing layer
            // (AbsentGlobalGuard.layer must count every such per-context option).
            // GraalJS rethrows the reason itself (with its stack) once the promise jobs have run.
            builder.option("js.unhandled-rejections", "throw");
        }
        if (options.timeZone() != null) {
            // The realm's time zone, not a language option: contexts of all time zones share code.
            builder.timeZone(options.timeZone());
        }
        return builder
                .engine(engine)
                // The sandbox: nothing of the host is reachable but what the library passes in.
                .allowHostAccess(HostAccess.NONE)
                // No class-lookup predicate at all: even one that denies everything makes GraalJS
                // install the Java global (inert, but a gateway worth not having).
                .allowHostClassLoading(false)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .allowValueSharing(false)
                .allowInnerContextOptions(false)
                .in(InputStream.nullInputStream())
                .out(console)
                .err(errors)
                .option("js.allow-eval", Boolean.toString(options.codeGenerationFromStrings()))
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.graal-builtin", "false")
                .option("js.global-arguments", "false")
                // V8's stack-trace API (Error.captureStackTrace, prepareStackTrace), which npm libraries
                // use when present; its call sites cover guest frames only.
                .option("js.stack-trace-api", "true")
                // Node's default locale wherever the host JVM runs (GraalJS would take "en" from a C locale).
                .option("js.locale", "en-US")
                .allowExperimentalOptions(true)
                .option("js.java-package-globals", "false")
                .option(ImportSeam.OPTION, "true");
    }
}
