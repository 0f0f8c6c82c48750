package io.github.jsvm.engine;

import io.github.jsvm.ScriptSyntaxException;
import io.github.jsvm.VmException;
import java.util.List;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.jspecify.annotations.Nullable;

/**
 * Parses sources once, on behalf of a whole {@link GraalJsVm}.
 *
 * <p>Parsing happens in private contexts that never run user code ({@link ParserPool}), so that
 * compiles from different threads run side by side. Because they share the engine and the default
 * options with user contexts, the parsed code lands in the engine's source cache and every later
 * run of the same source in any default context reuses it.
 */
final class ScriptCompiler implements AutoCloseable {
    private static final String PURGE_TEXT = "0";
    /* The name module texts are checked under; see checkModule. */
    private static final String MODULE_CHECK_NAME = SourceOrigin.INTERNAL_PREFIX + "module-check.mjs";

    private final ContextFactory contexts;
    private final ParserPool parsers;
    /* Guards the two fields below: the probe context is used by one thread at a time. */
    private final Object probeLock = new Object();
    private boolean closed;
    /* Created on first use: few applications ask whether a module awaits at its top level. */
    private @Nullable Context withoutTopLevelAwait;

    private final CarrierThreads carriers;

    ScriptCompiler(ContextFactory contexts, CarrierThreads carriers) {
        this.contexts = contexts;
        this.carriers = carriers;
        this.parsers = new ParserPool(contexts, carriers);
    }

    /**
     * Whether {@code body} is a function body on its own. The {@code Function} constructor parses
     * parameters and body separately and runs nothing, so a body that would close a textual wrapper
     * (and run code outside it) fails here even when the wrapped text parses. Any failure other
     * than a syntax error is no answer and is reported as what it is.
     */
    boolean isFunctionBody(List<String> params, String body) {
        Object[] arguments = new Object[params.size() + 1];
        params.toArray(arguments);
        arguments[params.size()] = body;
        return parsers.withParser(parser -> syntaxErrorOf("Checking the function body",
                () -> parser.functionConstructor().newInstance(arguments))) == null;
    }

    /** Parses {@code text}, reporting syntax errors with the origin's positions. */
    Source compile(CharSequence text, SourceOrigin origin) {
        Source source = origin.toSource(text);
        PolyglotException syntaxError = parsers.withParser(parser -> syntaxErrorOf("Compiling " + origin.filename(),
                () -> parser.context().parse(source)));
        if (syntaxError != null) {
            throw ErrorTranslator.syntaxError(syntaxError);
        }
        return source;
    }

    /**
     * Checks that {@code text} parses as a module; positions are reported as written. The check
     * parses under one name for every module, so a text checked before (the same module created
     * in another context, say) is found in the engine's parse cache instead of parsed again, for as
     * long as that earlier source is alive; only a text that fails is parsed again under
     * {@code identifier}, for the error users see.
     */
    void checkModule(String text, String identifier) {
        if (!parsesAsModule(text, MODULE_CHECK_NAME, identifier, false)) {
            parsesAsModule(text, identifier, identifier, true);
        }
    }

    /**
     * Whether {@code text}, named {@code name}, parses as a module: {@code false} for a syntax error,
     * which is thrown instead when {@code reportSyntaxError}.
     */
    private boolean parsesAsModule(String text, String name, String identifier, boolean reportSyntaxError) {
        Source source = Source.newBuilder(SourceOrigin.LANGUAGE, text, name).mimeType(SourceOrigin.MODULE_MIME_TYPE).buildLiteral();
        PolyglotException syntaxError = parsers.withParser(parser -> syntaxErrorOf("Compiling " + identifier,
                () -> parser.context().parse(source)));
        if (syntaxError != null && reportSyntaxError) {
            throw ErrorTranslator.syntaxError(syntaxError);
        }
        return syntaxError == null;
    }

    /**
     * Whether module {@code text} (which parses: it was checked at creation) awaits at its top level:
     * parsed again without top-level {@code await}, only that can fail. Not cached: the engine's
     * source cache would hand back the first parse.
     */
    boolean hasTopLevelAwait(String text) {
        return carriers.call(() -> hasTopLevelAwaitHere(text));
    }

    private boolean hasTopLevelAwaitHere(String text) {
        synchronized (probeLock) {
            if (closed) {
                throw ParserPool.closedError();
            }
            if (withoutTopLevelAwait == null) {
                withoutTopLevelAwait = contexts.createWithoutTopLevelAwait();
            }
            Context probe = withoutTopLevelAwait;
            return syntaxErrorOf("Reading the module", () -> probe.parse(Source.newBuilder(SourceOrigin.LANGUAGE, text,
                    "top-level-await-probe.mjs").mimeType(SourceOrigin.MODULE_MIME_TYPE).cached(false).buildLiteral())) != null;
        }
    }

    /**
     * Runs {@code check}, a parse that runs no code: the syntax error it fails with, or {@code null}
     * when it parses. Any other failure is no answer and is reported as {@code failing} having failed.
     */
    private static @Nullable PolyglotException syntaxErrorOf(String failing, Runnable check) {
        try {
            check.run();
            return null;
        } catch (PolyglotException failure) {
            if (failure.isSyntaxError()) {
                return failure;
            }
            throw new VmException(failing + " failed: " + failure.getMessage());
        }
    }

    /** Checks that {@code json} is valid JSON text. */
    void checkJson(String json, String identifier) {
        try {
            parsers.withParser(parser -> parser.jsonParse().execute(json));
        } catch (PolyglotException failure) {
            throw new ScriptSyntaxException(identifier, 0, 0, "Invalid JSON: " + failure.getMessage(), "", 0);
        }
    }

    /** Builds and parses a tiny source: Truffle purges dead sources from its tables when it does. */
    void purgeDeadSources() {
        Source purge = Source.newBuilder(SourceOrigin.LANGUAGE, PURGE_TEXT, SourceOrigin.INTERNAL_PREFIX + "purge.js")
                .cached(true).buildLiteral();
        try {
            parsers.withParser(parser -> parser.context().parse(purge));
        } catch (VmException closedMeanwhile) {
            // The Vm closed: nothing left to purge for.
        }
    }

    @Override
    public void close() {
        parsers.close();
        synchronized (probeLock) {
            closed = true;
            if (withoutTopLevelAwait != null) {
                withoutTopLevelAwait.close(true);
            }
        }
    }

    /** How many parser contexts the compiler holds; for tests. */
    int parserCount() {
        return parsers.created();
    }

    /** Runs {@code work} while holding one parser context, as a long compile would; for tests. */
    <T> T whileHoldingAParser(Supplier<T> work) {
        return parsers.withParser(parser -> work.get());
    }
}
