package io.github.jsvm.engine;

import io.github.jsvm.ModuleRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the module requests out of JavaScript source text, because GraalJS offers no API listing a module's static
 * imports or the import attributes of an {@code import()} call.
 *
 * <p>This is a lexical scan, not a parse: one linear pass tokenizes the text (comments, strings, template literals
 * with nested substitutions, regular-expression literals) and declarations are then recognised from the tokens.
 * It is best effort on purpose, since GraalJS itself parses the module and cross-checks the result; on malformed
 * input the methods return whatever they could recognise, and they never throw or loop.
 */
final class ModuleRequestScanner {
    /**
     * What a module needs from its text before GraalJS evaluates it, read from one tokenization.
     *
     * @param requests the static imports and re-exports at the top level, in source order; identical
     *     (specifier, attributes) pairs are reported once, at their first position, as V8 and Node do
     * @param usesImportMeta whether the code, outside comments, strings and regular expressions, reads
     *     {@code import.meta}
     * @param bindings what the module exports and imports by name
     */
    record ModuleScan(List<ModuleRequest> requests, boolean usesImportMeta, ModuleBindings bindings) {}

    enum Kind { NAME, PUNCT, STRING, NUMBER, REGEX, TEMPLATE, TEMPLATE_HEAD }

    /**
     * {@code text} is the decoded value of strings and names; {@code depth} counts the braces open before the token;
     * {@code escaped} names contain {@code \\u} escapes and so can never act as keywords.
     */
    record Token(Kind kind, String text, int depth, boolean newlineBefore, boolean afterDot, boolean escaped) {}

    /** After these keywords a {@code /} starts a regular expression rather than dividing. */
    private static final Set<String> REGEX_AFTER = Set.of("return", "typeof", "case", "do", "else", "in", "instanceof",
            "new", "delete", "void", "throw", "yield", "await", "of", "default");
    /** After {@code )} closing these heads a statement starts, so {@code /} is a regular expression again. */
    private static final Set<String> CONDITIONS = Set.of("if", "while", "for", "with");

    private ModuleRequestScanner() {}

    /** Scans a module's text once for everything in {@link ModuleScan}. */
    static ModuleScan scan(String moduleSource) {
        List<Token> tokens = tokenize(moduleSource);
        return new ModuleScan(moduleRequests(tokens), usesImportMeta(tokens), ModuleBindings.read(tokens));
    }

    private static List<ModuleRequest> moduleRequests(List<Token> t) {
        Set<ModuleRequest> requests = new LinkedHashSet<>();
        int i = 0;
        while (i < t.size()) {
            Token token = t.get(i);
            int next = i + 1;
            // Module declarations exist only at the top level; a property named import (a.import) is no keyword.
            if (token.depth == 0 && !token.afterDot) {
                if (name(token, "import")) {
                    next = importDeclaration(t, i + 1, requests);
                } else if (name(token, "export")) {
                    next = exportDeclaration(t, i + 1, requests);
                }
            }
            // Resuming where a declaration stopped keeps the scan linear on inputs like "import import import ...".
            i = Math.max(next, i + 1);
        }
        return List.copyOf(requests);
    }

    private static boolean usesImportMeta(List<Token> t) {
        for (int i = 0; i + 2 < t.size(); i++) {
            if (name(t.get(i), "import") && !t.get(i).afterDot && punct(t.get(i + 1), ".")
                    && name(t.get(i + 2), "meta")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The import attributes of one dynamic import call given as written, e.g. {@code import('./x.json', { with:
     * { type: 'json' } })}: an empty map without options or when the options have no {@code with} (nor legacy
     * {@code assert}) property, and empty when the attributes are only known at run time (or the text is no call).
     * Parentheses around the whole call are ignored.
     */
    static Optional<Map<String, String>> importCallAttributes(String importCallText) {
        List<Token> t = tokenize(importCallText);
        // GraalJS reports a parenthesized call with its parentheses: "(import('x'))".
        while (t.size() > 2 && punct(t.get(0), "(") && punct(t.get(t.size() - 1), ")")) {
            t = t.subList(1, t.size() - 1);
        }
        if (!name(at(t, 0), "import")) {
            return Optional.empty();
        }
        int open = punct(at(t, 1), ".") && kind(t, 2, Kind.NAME) ? 3 : 1; // import.source(...), import.defer(...)
        if (!punct(at(t, open), "(")) {
            return Optional.empty();
        }
        int end = expressionEnd(t, open + 1);
        if (punct(at(t, end), ")")) {
            return Optional.of(Map.of());
        }
        if (!punct(at(t, end), ",")) {
            return Optional.empty();
        }
        int start = end + 1;
        if (punct(at(t, start), ")")) {
            return Optional.of(Map.of());
        }
        end = expressionEnd(t, start);
        boolean closed = punct(at(t, end), ")") || punct(at(t, end), ",") && punct(at(t, end + 1), ")");
        return closed ? options(t, start, end) : Optional.empty();
    }

    /** After {@code import}: a bare specifier, or a clause of names, {@code *}, commas and braces before from. */
    private static int importDeclaration(List<Token> t, int j, Set<ModuleRequest> out) {
        if (kind(t, j, Kind.STRING)) {
            return request(t, j, out);
        }
        while (true) {
            Token c = at(t, j);
            if (c == null) {
                return j;
            } else if (c.kind == Kind.NAME) {
                // "import from from 'x'" binds a name "from", so only a from followed by a string ends the clause.
                if (name(c, "from") && kind(t, j + 1, Kind.STRING)) {
                    return request(t, j + 1, out);
                }
                if (name(c, "import") || name(c, "export")) {
                    return j;
                }
                j++;
            } else if (punct(c, "*") || punct(c, ",")) {
                j++;
            } else if (punct(c, "{")) {
                int end = namedGroupEnd(t, j);
                if (end < 0) {
                    return j + 1;
                }
                j = end;
            } else {
                return j; // "(" of import(), "." of import.meta, or anything else ends the attempt
            }
        }
    }

    private static int exportDeclaration(List<Token> t, int j, Set<ModuleRequest> out) {
        if (punct(at(t, j), "*")) {
            j++;
            if (name(at(t, j), "as") && (kind(t, j + 1, Kind.NAME) || kind(t, j + 1, Kind.STRING))) {
                j += 2;
            }
        } else if (punct(at(t, j), "{")) {
            int end = namedGroupEnd(t, j);
            if (end < 0) {
                return j + 1;
            }
            j = end;
        } else {
            return j; // export default, export const, ...: no module request
        }
        return name(at(t, j), "from") && kind(t, j + 1, Kind.STRING) ? request(t, j + 1, out) : j;
    }

    /** The index after the {@code }} of a group of names, strings and commas opened at {@code j}, or -1. */
    private static int namedGroupEnd(List<Token> t, int j) {
        for (int k = j + 1; k < t.size(); k++) {
            Token c = t.get(k);
            if (punct(c, "}")) {
                return k + 1;
            }
            if (c.kind != Kind.NAME && c.kind != Kind.STRING && !punct(c, ",")) {
                return -1;
            }
        }
        return -1;
    }

    /** Records the specifier at {@code s} with its attribute clause, if any; returns the index after them. */
    private static int request(List<Token> t, int s, Set<ModuleRequest> out) {
        Map<String, String> attributes = new LinkedHashMap<>();
        int j = s + 1;
        Token keyword = at(t, j);
        // The legacy assert clause forbade a line break before it; with needs no such rule (with statements are
        // illegal in modules).
        boolean clause = name(keyword, "with") || name(keyword, "assert") && keyword != null && !keyword.newlineBefore;
        if (clause && punct(at(t, j + 1), "{")) {
            j += 2;
            while ((kind(t, j, Kind.NAME) || kind(t, j, Kind.STRING)) && punct(at(t, j + 1), ":")
                    && kind(t, j + 2, Kind.STRING)) {
                attributes.put(t.get(j).text, t.get(j + 2).text);
                j += 3;
                if (!punct(at(t, j), ",")) {
                    break;
                }
                j++;
            }
            if (punct(at(t, j), "}")) {
                j++;
            }
        }
        out.add(new ModuleRequest(t.get(s).text, attributes));
        return j;
    }

    /** Reads an options object spanning tokens {@code [start, end)}; empty unless its attributes are literal. */
    private static Optional<Map<String, String>> options(List<Token> t, int start, int end) {
        if (!punct(at(t, start), "{") || !punct(at(t, end - 1), "}")) {
            return Optional.empty();
        }
        Optional<Map<String, String>> with = null;
        Optional<Map<String, String>> assertion = null;
        boolean prototype = false;
        int k = start + 1;
        while (k < end - 1) {
            Token key = t.get(k);
            // Spreads, computed keys, numbers and escaped names could all produce a with property we cannot see.
            if (key.kind != Kind.NAME && key.kind != Kind.STRING || key.escaped) {
                return Optional.empty();
            }
            boolean attributeSource = key.text.equals("with") || key.text.equals("assert")
                    || key.text.equals("__proto__");
            int valueStart = k + 2;
            if (!punct(at(t, k + 1), ":")) {
                // Shorthands and methods under other names are harmless; accessors and generators are not readable.
                boolean named = punct(at(t, k + 1), ",") || punct(at(t, k + 1), "}") || punct(at(t, k + 1), "(");
                if (attributeSource || !named || key.kind != Kind.NAME) {
                    return Optional.empty();
                }
                valueStart = k + 1;
            }
            int valueEnd = expressionEnd(t, valueStart);
            switch (attributeSource && valueStart == k + 2 ? key.text : "") {
                case "with" -> with = attributeLiteral(t, valueStart, valueEnd); // later duplicates win, as in JS
                case "assert" -> assertion = attributeLiteral(t, valueStart, valueEnd);
                case "__proto__" -> prototype = true; // an inherited with would be read too
                default -> { }
            }
            if (punct(at(t, valueEnd), ",")) {
                k = valueEnd + 1;
            } else if (valueEnd == end - 1) {
                k = valueEnd;
            } else {
                return Optional.empty(); // the object literal closed early: "{...} + x" is no literal
            }
        }
        if (with != null) {
            return with;
        }
        if (prototype) {
            return Optional.empty();
        }
        return assertion != null ? assertion : Optional.of(Map.of());
    }

    /** Tokens {@code [s, e)} as an object literal of string values, or empty when anything is computed. */
    private static Optional<Map<String, String>> attributeLiteral(List<Token> t, int s, int e) {
        if (!punct(at(t, s), "{") || !punct(at(t, e - 1), "}")) {
            return Optional.empty();
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        int k = s + 1;
        while (k < e - 1) {
            Token key = t.get(k);
            boolean literalKey = key.kind == Kind.STRING || key.kind == Kind.NAME && !key.escaped;
            if (!literalKey || key.text.equals("__proto__") || !punct(at(t, k + 1), ":")
                    || !kind(t, k + 2, Kind.STRING)) {
                return Optional.empty();
            }
            attributes.put(key.text, t.get(k + 2).text);
            k += 3;
            if (punct(at(t, k), ",")) {
                k++;
            } else if (k != e - 1) {
                return Optional.empty(); // "'js' + 'on'" or a literal that closed before e
            }
        }
        return Optional.of(Collections.unmodifiableMap(attributes));
    }

    /** The index of the first top-level {@code ,} or closing bracket from {@code j} (or the end of the tokens). */
    static int expressionEnd(List<Token> t, int j) {
        int depth = 0;
        for (; j < t.size(); j++) {
            Token c = t.get(j);
            if (c.kind != Kind.PUNCT) {
                continue;
            }
            switch (c.text) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> {
                    if (depth-- == 0) {
                        return j;
                    }
                }
                case "," -> {
                    if (depth == 0) {
                        return j;
                    }
                }
                default -> { }
            }
        }
        return j;
    }

    static @Nullable Token at(List<Token> t, int i) {
        return i >= 0 && i < t.size() ? t.get(i) : null;
    }

    static boolean kind(List<Token> t, int i, Kind kind) {
        Token token = at(t, i);
        return token != null && token.kind == kind;
    }

    static boolean name(@Nullable Token token, String keyword) {
        return token != null && token.kind == Kind.NAME && !token.escaped && token.text.equals(keyword);
    }

    static boolean punct(@Nullable Token token, String text) {
        return token != null && token.kind == Kind.PUNCT && token.text.equals(text);
    }

    static List<Token> tokenize(String source) {
        return new Lexer(source == null ? "" : source).run();
    }

    /** One pass over the text; every step advances, so any input ends in linear time. */
    private static final class Lexer {
        private final String src;
        private final int n;
        private final List<Token> tokens = new ArrayList<>();
        /** Open braces: 'b' block, 'o' object literal, 't' template substitution (its } resumes the template). */
        private final StringBuilder braces = new StringBuilder();
        /** Open parentheses: 'c' when they hold an if/while/for/with head, 'e' otherwise. */
        private final StringBuilder parens = new StringBuilder();
        private int pos;
        private boolean newline;
        private boolean regexAllowed = true;
        private @Nullable Token last;

        Lexer(String src) {
            this.src = src;
            this.n = src.length();
        }

        List<Token> run() {
            if (src.startsWith("#!")) {
                skipLine();
            }
            while (true) {
                skipTrivia();
                if (pos >= n) {
                    return tokens;
                }
                int start = pos;
                char c = src.charAt(pos);
                if (c == '\'' || c == '"') {
                    emit(Kind.STRING, string(c), false);
                } else if (c == '`') {
                    pos++;
                    template();
                } else if (startsName(pos) || c == '#' && startsName(pos + 1)) {
                    name();
                } else if (digit(c) || c == '.' && digit(peek(1))) {
                    number();
                } else if (c == '/' && regexAllowed) {
                    regex();
                } else {
                    punctuator(c);
                }
                pos = Math.max(pos, start + 1); // defensive: no branch may stall
            }
        }

        private void emit(Kind kind, String text, boolean escaped) {
            boolean afterDot = punct(last, ".") || punct(last, "?.");
            Token token = new Token(kind, text, braces.length(), newline, afterDot, escaped);
            tokens.add(token);
            newline = false;
            last = token;
            regexAllowed = switch (kind) {
                case NAME -> !afterDot && !escaped && REGEX_AFTER.contains(text);
                case PUNCT -> !text.equals("]") && !text.equals("++") && !text.equals("--");
                case TEMPLATE_HEAD -> true;
                default -> false;
            };
        }

        private void skipTrivia() {
            while (pos < n) {
                char c = src.charAt(pos);
                if (lineTerminator(c)) {
                    newline = true;
                    pos++;
                } else if (c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\uFEFF'
                        || Character.getType(c) == Character.SPACE_SEPARATOR) {
                    pos++;
                } else if (c == '/' && peek(1) == '/') {
                    skipLine();
                } else if (c == '/' && peek(1) == '*') {
                    int close = src.indexOf("*/", pos + 2);
                    int end = close < 0 ? n : close + 2;
                    for (; pos < end; pos++) {
                        newline |= lineTerminator(src.charAt(pos)); // a multi-line comment counts as a line break
                    }
                } else {
                    return;
                }
            }
        }

        private void skipLine() {
            while (pos < n && !lineTerminator(src.charAt(pos))) {
                pos++;
            }
        }

        private String string(char quote) {
            StringBuilder value = new StringBuilder();
            pos++;
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == quote) {
                    pos++;
                    break;
                } else if (c == '\n' || c == '\r') {
                    break; // unterminated: the line break ends it
                }
                pos++;
                if (c == '\\') {
                    escape(value);
                } else {
                    value.append(c);
                }
            }
            return value.toString();
        }

        /** Decodes the escape whose backslash was just consumed; malformed escapes keep their letter. */
        private void escape(StringBuilder value) {
            if (pos >= n) {
                return;
            }
            char e = src.charAt(pos++);
            switch (e) {
                case 'n' -> value.append('\n');
                case 't' -> value.append('\t');
                case 'r' -> value.append('\r');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'v' -> value.append('\u000B');
                case '\r' -> pos += peek(0) == '\n' ? 1 : 0; // line continuations add nothing
                case '\n', '\u2028', '\u2029' -> { }
                case 'x' -> appendCodePoint(value, hex(2), e);
                case 'u' -> appendCodePoint(value, peek(0) == '{' ? bracedHex() : hex(4), e);
                default -> {
                    if (e >= '0' && e <= '7') { // legacy octal, kept for best effort (modules reject it)
                        int code = e - '0';
                        while (pos < n && digit(src.charAt(pos)) && src.charAt(pos) < '8'
                                && code * 8 + src.charAt(pos) - '0' <= 0xFF) {
                            code = code * 8 + src.charAt(pos++) - '0';
                        }
                        value.append((char) code);
                    } else {
                        value.append(e);
                    }
                }
            }
        }

        private static void appendCodePoint(StringBuilder value, int codePoint, char letter) {
            if (codePoint < 0) {
                value.append(letter);
            } else {
                value.appendCodePoint(codePoint);
            }
        }

        private int hex(int digits) {
            if (pos + digits > n) {
                return -1;
            }
            int code = 0;
            for (int i = 0; i < digits; i++) {
                int d = Character.digit(src.charAt(pos + i), 16);
                if (d < 0) {
                    return -1;
                }
                code = code * 16 + d;
            }
            pos += digits;
            return code;
        }

        private int bracedHex() {
            int i = pos + 1;
            int code = 0;
            while (i < n && Character.digit(src.charAt(i), 16) >= 0) {
                code = Math.min(code * 16 + Character.digit(src.charAt(i++), 16), 0x110000); // no overflow
            }
            if (i == pos + 1 || i >= n || src.charAt(i) != '}' || code > 0x10FFFF) {
                return -1;
            }
            pos = i + 1;
            return code;
        }

        /** Scans template characters after a backtick or a substitution's closing brace. */
        private void template() {
            while (pos < n) {
                char c = src.charAt(pos);
                if (c == '`') {
                    pos++;
                    emit(Kind.TEMPLATE, "", false);
                    return;
                } else if (c == '\\') {
                    pos += 2;
                } else if (c == '$' && peek(1) == '{') {
                    pos += 2;
                    emit(Kind.TEMPLATE_HEAD, "", false);
                    braces.append('t');
                    return;
                } else {
                    pos++;
                }
            }
            pos = n;
            emit(Kind.TEMPLATE, "", false);
        }

        private void name() {
            StringBuilder value = new StringBuilder();
            boolean escaped = false;
            if (src.charAt(pos) == '#') {
                value.append(src.charAt(pos++)); // private names are never keywords
            }
            while (pos < n) {
                if (src.charAt(pos) == '\\' && peek(1) == 'u') {
                    pos++;
                    escape(value);
                    escaped = true;
                    continue;
                }
                int cp = src.codePointAt(pos);
                if (!namePart(cp)) {
                    break;
                }
                value.appendCodePoint(cp);
                pos += Character.charCount(cp);
            }
            emit(Kind.NAME, value.toString(), escaped);
        }

        private void number() {
            boolean hex = src.charAt(pos) == '0' && (peek(1) | 0x20) == 'x';
            pos++;
            while (pos < n) {
                char c = src.charAt(pos);
                boolean exponentSign = (c == '+' || c == '-') && !hex && (src.charAt(pos - 1) | 0x20) == 'e';
                if (!Character.isLetterOrDigit(c) && c != '_' && c != '.' && !exponentSign) {
                    break;
                }
                pos++;
            }
            emit(Kind.NUMBER, "", false);
        }

        private void regex() {
            pos++;
            boolean inClass = false;
            while (pos < n && !lineTerminator(src.charAt(pos))) {
                char c = src.charAt(pos++);
                if (c == '\\') {
                    pos += pos < n && !lineTerminator(src.charAt(pos)) ? 1 : 0;
                } else if (c == '[') {
                    inClass = true;
                } else if (c == ']') {
                    inClass = false;
                } else if (c == '/' && !inClass) {
                    break;
                }
            }
            while (pos < n && namePart(src.codePointAt(pos))) {
                pos += Character.charCount(src.codePointAt(pos)); // flags
            }
            emit(Kind.REGEX, "", false);
        }

        private void punctuator(char c) {
            String p = String.valueOf(c);
            for (String multi : new String[] {"?.", "...", "=>", "++", "--"}) {
                if (src.startsWith(multi, pos) && !(multi.equals("?.") && digit(peek(2)))) { // a?.5:b is a ternary
                    p = multi;
                    break;
                }
            }
            pos += p.length();
            switch (p) {
                case "{" -> {
                    boolean block = opensBlock();
                    emit(Kind.PUNCT, p, false);
                    braces.append(block ? 'b' : 'o');
                }
                case "}" -> {
                    char open = pop(braces);
                    if (open == 't') {
                        template();
                    } else {
                        emit(Kind.PUNCT, p, false);
                        regexAllowed = open == 'b'; // a statement may follow a block, not an object literal
                    }
                }
                case "(" -> {
                    boolean condition = last != null && last.kind == Kind.NAME && !last.afterDot && !last.escaped
                            && CONDITIONS.contains(last.text);
                    emit(Kind.PUNCT, p, false);
                    parens.append(condition ? 'c' : 'e');
                }
                case ")" -> {
                    boolean condition = pop(parens) == 'c';
                    emit(Kind.PUNCT, p, false);
                    regexAllowed = condition; // if (x) /re/.test(s)
                }
                default -> emit(Kind.PUNCT, p, false);
            }
        }

        /** Whether a { here opens a block (function body, statement) rather than an object literal. */
        private boolean opensBlock() {
            if (last == null) {
                return true;
            }
            return switch (last.kind) {
                case PUNCT -> List.of(")", ";", "{", "}", "=>").contains(last.text);
                case NAME -> last.afterDot || last.escaped || !REGEX_AFTER.contains(last.text)
                        || last.text.equals("else") || last.text.equals("do");
                case TEMPLATE_HEAD -> false;
                default -> true;
            };
        }

        private static char pop(StringBuilder stack) {
            if (stack.isEmpty()) {
                return ' ';
            }
            char top = stack.charAt(stack.length() - 1);
            stack.setLength(stack.length() - 1);
            return top;
        }

        private boolean startsName(int i) {
            if (i >= n) {
                return false;
            }
            char c = src.charAt(i);
            if (c == '\\') {
                return i + 1 < n && src.charAt(i + 1) == 'u';
            }
            int cp = src.codePointAt(i);
            return cp == '$' || cp == '_' || Character.isUnicodeIdentifierStart(cp);
        }

        private static boolean namePart(int cp) {
            return cp == '$' || cp == 0x200C || cp == 0x200D
                    || Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
        }

        private char peek(int offset) {
            return pos + offset < n ? src.charAt(pos + offset) : '\uFFFF';
        }

        private static boolean digit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean lineTerminator(char c) {
            return c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029';
        }
    }
}
