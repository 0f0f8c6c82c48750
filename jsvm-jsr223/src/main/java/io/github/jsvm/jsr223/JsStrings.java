package io.github.jsvm.jsr223;

/** JavaScript source text for Java strings. */
final class JsStrings {
    private JsStrings() {}

    /** {@code text} as a double-quoted JavaScript string literal that evaluates to {@code text}. */
    static String literal(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> literal.append("\\\"");
                case '\\' -> literal.append("\\\\");
                case '\n' -> literal.append("\\n");
                case '\r' -> literal.append("\\r");
                case '\t' -> literal.append("\\t");
                default -> {
                    // Other controls and the two JavaScript line terminators would end or corrupt the literal.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        literal.append(String.format("\\u%04x", (int) c));
                    } else {
                        literal.append(c);
                    }
                }
            }
        }
        return literal.append('"').toString();
    }
}
