package io.github.jsvm.engine;

import java.net.URI;
import org.graalvm.polyglot.Source;

/**
 * Where the text of a polyglot {@link Source} came from: the user's filename and the offsets that
 * turn positions in the source into positions the user expects.
 *
 * <p>The offsets travel inside the source's URI, so any stack frame can be mapped back without a
 * lookup table, and two compilations with different offsets never share (and mix up) an interned
 * source. Sources without offsets carry no URI and keep the engine's default identity.
 *
 * @param filename the name shown in stack traces
 * @param lineOffset added to every line
 * @param columnOffset added to columns on {@code firstLine}
 * @param firstLine the source line holding the user's first line (2 when a wrapper line precedes it)
 */
record SourceOrigin(String filename, int lineOffset, int columnOffset, int firstLine) {
    static final String LANGUAGE = "js";
    /** Name prefix of the library's own sources; their frames are hidden from users. */
    static final String INTERNAL_PREFIX = "jsvm-internal:";
    private static final String SCHEME = "jsvm";

    static SourceOrigin of(String filename, int lineOffset, int columnOffset) {
        return new SourceOrigin(filename, lineOffset, columnOffset, 1);
    }

    /** Origin of code that sits below {@code wrapperLines} lines of generated wrapper. */
    SourceOrigin belowWrapper(int wrapperLines) {
        return new SourceOrigin(filename, lineOffset - wrapperLines, columnOffset, firstLine + wrapperLines);
    }

    Source toSource(CharSequence text) {
        Source.Builder builder = Source.newBuilder(LANGUAGE, text, filename).cached(true);
        if (lineOffset != 0 || columnOffset != 0 || firstLine != 1) {
            builder.uri(URI.create(SCHEME + ":origin?line=" + lineOffset + "&column=" + columnOffset + "&first=" + firstLine));
        }
        return builder.buildLiteral();
    }

    /** The origin of {@code source}; sources this library did not mark have no offsets. */
    static SourceOrigin of(Source source) {
        String name = source.getPath() != null ? source.getPath() : source.getName();
        URI uri = source.getURI();
        if (uri == null || !SCHEME.equals(uri.getScheme())) {
            return of(name, 0, 0);
        }
        int line = 0;
        int column = 0;
        int first = 1;
        for (String part : uri.getRawSchemeSpecificPart().substring("origin?".length()).split("&")) {
            int eq = part.indexOf('=');
            int value = Integer.parseInt(part.substring(eq + 1));
            switch (part.substring(0, eq)) {
                case "line" -> line = value;
                case "column" -> column = value;
                case "first" -> first = value;
                default -> throw new IllegalStateException("Unknown origin field in " + uri);
            }
        }
        return new SourceOrigin(name, line, column, first);
    }

    int mapLine(int sourceLine) {
        return sourceLine <= 0 ? 0 : sourceLine + lineOffset;
    }

    int mapColumn(int sourceLine, int sourceColumn) {
        if (sourceColumn <= 0) {
            return 0;
        }
        return sourceLine == firstLine ? sourceColumn + columnOffset : sourceColumn;
    }
}
