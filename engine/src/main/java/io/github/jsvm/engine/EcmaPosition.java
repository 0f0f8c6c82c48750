package io.github.jsvm.engine;

import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.jspecify.annotations.Nullable;

/**
 * A position in source text as ECMAScript counts lines: U+2028 and U+2029 end lines too, which the
 * engine's line table ignores (an error after them would be reported on line 1).
 *
 * @param line 1-based, 0 when unknown
 * @param column 1-based, 0 when unknown
 * @param lineText the text of that line, without its terminator; {@code null} when the engine's own
 *     line is right (no Unicode line separator before it) or the position has no character index
 */
record EcmaPosition(int line, int column, @Nullable String lineText) {
    private static final char LINE_SEPARATOR = '\u2028';
    private static final char PARAGRAPH_SEPARATOR = '\u2029';

    /** The start of {@code location}. */
    static EcmaPosition of(SourceSection location) {
        Source source = location.getSource();
        int line = location.getStartLine();
        int column = location.getStartColumn();
        CharSequence text = source.getCharacters();
        int index = location.hasCharIndex() ? location.getCharIndex() : -1;
        if (index < 0 || index > text.length()) {
            return new EcmaPosition(line, column, null);
        }
        int lines = 1;
        int lineStart = 0;
        boolean separatorSeen = false;
        for (int i = 0; i < index; i++) {
            char c = text.charAt(i);
            boolean separator = c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR;
            separatorSeen |= separator;
            if (separator || c == '\n' || c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                lines++;
                lineStart = i + 1;
            }
        }
        if (!separatorSeen) {
            return new EcmaPosition(line, column, null); // the engine's count is ECMAScript's
        }
        int lineEnd = lineStart;
        while (lineEnd < text.length() && !isTerminator(text.charAt(lineEnd))) {
            lineEnd++;
        }
        return new EcmaPosition(lines, index - lineStart + 1, text.subSequence(lineStart, lineEnd).toString());
    }

    /** The text of this line: {@link #lineText()} when it was computed here, else the engine's line {@code line} of {@code source}. */
    String lineText(Source source) {
        if (lineText != null) {
            return lineText;
        }
        return line > 0 && line <= source.getLineCount() ? source.getCharacters(line).toString() : "";
    }

    private static boolean isTerminator(char c) {
        return c == '\n' || c == '\r' || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR;
    }
}
