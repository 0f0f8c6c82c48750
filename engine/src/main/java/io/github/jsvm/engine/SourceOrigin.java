package io.github.jsvm.engine;

import java.net.URI;
import org.graalvm.polyglot.Source;
import org.jspecify.annotations.Nullable;

/**
 * Where the text of a polyglot {@link Source} came from: the user's filename, the offsets that
 * turn positions in the source into positions the user expects, and how its {@code import()} calls
 * are served.
 *
 * <p>All of it travels inside the source's URI, so any stack frame can be mapped back without a
 * lookup table, and two compilations that differ in any of it never share (and mix up) an interned
 * source. Equal scripts without a hook, or with the default loader, get equal URIs and so keep
 * sharing compiled code; the URI also tells user code apart from {@code eval}'d code.
 *
 * @param filename the name shown in stack traces
 * @param lineOffset added to every line
 * @param columnOffset added to columns on {@code firstLine}
 * @param firstLine the source line holding the user's first line (2 when a wrapper line precedes it)
 * @param hookRef {@code null} when the code has no import hook, {@link #DEFAULT_LOADER} for the
 *     default loader, the key of its shared form (starting with {@link #SHARED_PREFIX}) for code shared
 *     across hooks, otherwise the id of its {@link HostDefinedOptions}
 * @param generatedPrefix how many characters at the start of {@code firstLine} the library generated
 *     (a module's prologue): the user never wrote them, so displays of the line leave them out
 */
record SourceOrigin(String filename, int lineOffset, int columnOffset, int firstLine, @Nullable String hookRef, int generatedPrefix) {
    static final String LANGUAGE = "js";
    /** The MIME type under which GraalJS reads a source as an ES module. */
    static final String MODULE_MIME_TYPE = "application/javascript+module";
    /** The MIME type under which GraalJS loads a file as a JSON module. */
    static final String JSON_MIME_TYPE = "application/json";
    /** Name prefix of the library's own sources; their frames are hidden from users. */
    static final String INTERNAL_PREFIX = "jsvm-internal:";
    static final String DEFAULT_LOADER = "default";
    /** Import-key prefix of code shared across hooks (see {@link SharedCodeTable}). */
    static final String SHARED_PREFIX = "shared-";
    private static final String SCHEME = "jsvm";

    static SourceOrigin of(String filename, int lineOffset, int columnOffset) {
        return new SourceOrigin(filename, lineOffset, columnOffset, 1, null, 0);
    }

    /** Origin of a module whose first line starts with {@code prologueLength} generated characters. */
    static SourceOrigin ofModule(String identifier, int prologueLength) {
        return new SourceOrigin(identifier, 0, -prologueLength, 1, null, prologueLength);
    }

    /** Origin of code that sits below {@code wrapperLines} lines of generated wrapper. */
    SourceOrigin belowWrapper(int wrapperLines) {
        return new SourceOrigin(filename, lineOffset - wrapperLines, columnOffset, firstLine + wrapperLines, hookRef, generatedPrefix);
    }

    /** The same origin for code whose {@code import()} calls are served as {@code hookRef} says. */
    SourceOrigin withHookRef(@Nullable String hookRef) {
        return new SourceOrigin(filename, lineOffset, columnOffset, firstLine, hookRef, generatedPrefix);
    }

    Source toSource(CharSequence text) {
        Source.Builder builder = Source.newBuilder(LANGUAGE, text, filename).cached(true);
        builder.uri(URI.create(SCHEME + ":origin?line=" + lineOffset + "&column=" + columnOffset + "&first=" + firstLine
                + (hookRef == null ? "" : "&import=" + hookRef)));
        return builder.buildLiteral();
    }

    /** Whether a source with this URI was compiled by this library from user code (a script or function). */
    static boolean isUserCode(URI uri) {
        return uri != null && SCHEME.equals(uri.getScheme());
    }

    /** The origin of {@code source}; sources this library did not mark have no offsets. */
    static SourceOrigin of(Source source) {
        return of(source.getPath(), source.getName(), source.getURI());
    }

    /** The origin of the source with this path, name and URI. */
    static SourceOrigin of(@Nullable String path, String sourceName, URI uri) {
        String name = path != null ? path : sourceName;
        if (uri == null || !SCHEME.equals(uri.getScheme())) {
            return of(name, 0, 0);
        }
        int line = 0;
        int column = 0;
        int first = 1;
        String hookRef = null;
        for (String part : uri.getRawSchemeSpecificPart().substring("origin?".length()).split("&")) {
            int eq = part.indexOf('=');
            String value = part.substring(eq + 1);
            switch (part.substring(0, eq)) {
                case "line" -> line = Integer.parseInt(value);
                case "column" -> column = Integer.parseInt(value);
                case "first" -> first = Integer.parseInt(value);
                case "import" -> hookRef = value;
                default -> throw new IllegalStateException("Unknown origin field in " + uri);
            }
        }
        return new SourceOrigin(name, line, column, first, hookRef, 0);
    }

    int mapLine(int sourceLine) {
        return sourceLine <= 0 ? 0 : saturatedSum(sourceLine, lineOffset);
    }

    int mapColumn(int sourceLine, int sourceColumn) {
        if (sourceColumn <= 0) {
            return 0;
        }
        return sourceLine == firstLine ? saturatedSum(sourceColumn, columnOffset) : sourceColumn;
    }

    /* Offsets are any int the caller chose: a position past Integer.MAX_VALUE stays there rather than turning negative. */
    private static int saturatedSum(int position, int offset) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, (long) position + offset));
    }

    /** How many characters at the start of {@code sourceLine} the library generated (see {@link #generatedPrefix()}). */
    int generatedPrefix(int sourceLine) {
        return sourceLine == firstLine ? generatedPrefix : 0;
    }
}
