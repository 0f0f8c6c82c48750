package io.github.jsvm.engine;

import static io.github.jsvm.engine.ModuleRequestScanner.at;
import static io.github.jsvm.engine.ModuleRequestScanner.kind;
import static io.github.jsvm.engine.ModuleRequestScanner.name;
import static io.github.jsvm.engine.ModuleRequestScanner.punct;

import io.github.jsvm.engine.ModuleRequestScanner.Kind;
import io.github.jsvm.engine.ModuleRequestScanner.Token;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a module's text exports, and which names it imports from each specifier: what Node knows once
 * a module is linked (its namespace's keys, and the "does not provide an export named" check), while
 * GraalJS learns it only when it evaluates the module.
 *
 * <p>Read from the tokens of {@link ModuleRequestScanner}, best effort like it: when any top-level
 * export or import has a shape this reader does not know, {@link #complete()} is false and callers
 * must not draw conclusions (GraalJS still checks everything when it evaluates). A complete reading
 * never misses an export, so a check against it never fails a valid module.
 *
 * @param complete whether every top-level export and import was understood
 * @param localExports names exported by the module itself, including {@code default} and
 *     {@code export * as ns} names, in source order
 * @param hoisted the local exports initialized before evaluation ({@code var} bindings and
 *     function declarations), with their kind
 * @param starExports specifiers of {@code export * from} declarations, whose names (but {@code default}) are exported too
 * @param importedNames for each specifier, the names imported from it by name (a default import is {@code default})
 * @param targets for each name of {@code localExports}, where its binding lives: what ResolveExport follows
 */
record ModuleBindings(boolean complete, List<String> localExports, Map<String, Hoisted> hoisted, List<String> starExports,
        Map<String, Set<String>> importedNames, Map<String, Target> targets) {

    /**
     * Where an export's binding lives: the module's own binding {@code name} ({@code specifier} null),
     * or export {@code name} of the module requested by {@code specifier}, or that module's namespace
     * ({@code name} is {@link #NAMESPACE}).
     */
    record Target(@Nullable String specifier, String name) {
        /** The name of a namespace target ({@code export * as ns from}); no export or binding has it. */
        static final String NAMESPACE = "*namespace*";
        /** The local name of an anonymous default export (the specification's {@code *default*}). */
        static final String DEFAULT_BINDING = "*default*";

        static Target local(String binding) {
            return new Target(null, binding);
        }
    }

    /** How an export is initialized when the module is instantiated, before its body runs. */
    enum Hoisted {
        /** A {@code var} binding: {@code undefined}. */
        VAR,
        /** A function declaration: the function. */
        FUNCTION
    }

    /** Keywords that start a statement: on a new line, they end an initializer (automatic semicolon insertion). */
    private static final Set<String> STATEMENT_STARTS = Set.of("export", "import", "let", "const", "var", "function",
            "class", "if", "for", "while", "do", "return", "throw", "try", "switch");

    /** Reads the tokens of a module's text (see {@link ModuleRequestScanner#scan}). */
    static ModuleBindings read(List<Token> tokens) {
        return new Reader(tokens).read();
    }

    private static final class Reader {
        private final List<Token> t;
        private final Set<String> exports = new LinkedHashSet<>();
        private final Map<String, Hoisted> hoisted = new LinkedHashMap<>();
        private final List<String> stars = new ArrayList<>();
        private final Map<String, Set<String>> imports = new LinkedHashMap<>();
        private final Map<String, Target> targets = new LinkedHashMap<>();
        /* Local names bound by named or default imports: an export of one re-exports the import. */
        private final Map<String, Target> importBindings = new LinkedHashMap<>();
        /* (local, exported) pairs of export { a as b } without from: resolved once every import is read. */
        private final List<String[]> localNamedExports = new ArrayList<>();
        private boolean complete = true;

        Reader(List<Token> tokens) {
            this.t = tokens;
        }

        ModuleBindings read() {
            for (int i = 0; i < t.size() && complete; i++) {
                Token token = t.get(i);
                if (token.depth() != 0 || token.afterDot()) {
                    continue;
                }
                if (name(token, "export")) {
                    exportDeclaration(i + 1);
                } else if (name(token, "import") && !punct(at(t, i + 1), "(") && !punct(at(t, i + 1), ".")) {
                    importDeclaration(i + 1);
                }
            }
            Map<String, Set<String>> importedNames = new LinkedHashMap<>();
            imports.forEach((specifier, names) -> importedNames.put(specifier, Collections.unmodifiableSet(names)));
            for (String[] pair : localNamedExports) {
                targets.put(pair[1], importBindings.getOrDefault(pair[0], Target.local(pair[0])));
            }
            return new ModuleBindings(complete, List.copyOf(exports), Map.copyOf(hoisted), List.copyOf(stars),
                    Collections.unmodifiableMap(importedNames), Map.copyOf(targets));
        }

        private void exportDeclaration(int j) {
            Token c = at(t, j);
            if (c == null) {
                complete = false;
            } else if (name(c, "default")) {
                exports.add("default");
                targets.put("default", Target.local(defaultBinding(j + 1)));
            } else if (name(c, "var") || name(c, "let") || name(c, "const")) {
                declarators(j + 1, name(c, "var"));
            } else if (name(c, "function")) {
                declared(j + 1, true);
            } else if (name(c, "async") && name(at(t, j + 1), "function")) {
                declared(j + 2, true);
            } else if (name(c, "class")) {
                declared(j + 1, false);
            } else if (punct(c, "*")) {
                starExport(j + 1);
            } else if (punct(c, "{")) {
                namedExports(j);
            } else {
                complete = false;
            }
        }

        /** The local name of {@code export default} followed by the token at {@code j}: a declaration's name, or {@code *default*}. */
        private String defaultBinding(int j) {
            if (name(at(t, j), "async") && name(at(t, j + 1), "function")) {
                j++;
            }
            if (name(at(t, j), "function") || name(at(t, j), "class")) {
                j += punct(at(t, j + 1), "*") ? 2 : 1;
                if (kind(t, j, Kind.NAME)) {
                    return t.get(j).text();
                }
            }
            return Target.DEFAULT_BINDING;
        }

        /** After {@code function} or {@code class}: an optional {@code *}, then the name. */
        private void declared(int j, boolean function) {
            if (punct(at(t, j), "*")) {
                j++;
            }
            if (kind(t, j, Kind.NAME)) {
                exports.add(t.get(j).text());
                targets.put(t.get(j).text(), Target.local(t.get(j).text()));
                if (function) {
                    hoisted.put(t.get(j).text(), Hoisted.FUNCTION);
                }
            } else {
                complete = false;
            }
        }

        private void starExport(int j) {
            if (name(at(t, j), "as") && (kind(t, j + 1, Kind.NAME) || kind(t, j + 1, Kind.STRING))
                    && name(at(t, j + 2), "from") && kind(t, j + 3, Kind.STRING)) {
                exports.add(t.get(j + 1).text());
                targets.put(t.get(j + 1).text(), new Target(t.get(j + 3).text(), Target.NAMESPACE));
            } else if (name(at(t, j), "from") && kind(t, j + 1, Kind.STRING)) {
                stars.add(t.get(j + 1).text());
            } else {
                complete = false;
            }
        }

        /** {@code export { a, b as c, "d" as e } [from 'x']}. */
        private void namedExports(int open) {
            List<String[]> pairs = new ArrayList<>();
            int end = specifierList(open, pairs);
            if (end < 0) {
                complete = false;
                return;
            }
            boolean from = name(at(t, end), "from") && kind(t, end + 1, Kind.STRING);
            for (String[] pair : pairs) {
                exports.add(pair[1]);
                if (from) {
                    String specifier = t.get(end + 1).text();
                    imports.computeIfAbsent(specifier, k -> new LinkedHashSet<>()).add(pair[0]);
                    targets.put(pair[1], new Target(specifier, pair[0]));
                } else {
                    localNamedExports.add(pair);
                }
            }
        }

        /** {@code import x, * as ns, { a as b } from 'spec'} or {@code import 'spec'}. */
        private void importDeclaration(int j) {
            if (kind(t, j, Kind.STRING)) {
                return;
            }
            Set<String> names = new LinkedHashSet<>();
            /* (imported, local) pairs; namespace imports bind local names that are this module's own. */
            List<String[]> bound = new ArrayList<>();
            // A default binding, unless this is the from of "import from 'x'"-like text ("import from from 'x'" binds from).
            if (kind(t, j, Kind.NAME) && !(name(at(t, j), "from") && kind(t, j + 1, Kind.STRING))) {
                names.add("default");
                bound.add(new String[] {"default", t.get(j).text()});
                j++;
                if (punct(at(t, j), ",")) {
                    j++;
                }
            }
            if (punct(at(t, j), "*") && name(at(t, j + 1), "as") && kind(t, j + 2, Kind.NAME)) {
                j += 3;
            } else if (punct(at(t, j), "{")) {
                List<String[]> pairs = new ArrayList<>();
                j = specifierList(j, pairs);
                if (j < 0) {
                    complete = false;
                    return;
                }
                pairs.forEach(pair -> names.add(pair[0]));
                bound.addAll(pairs);
            }
            if (name(at(t, j), "from") && kind(t, j + 1, Kind.STRING)) {
                String specifier = t.get(j + 1).text();
                imports.computeIfAbsent(specifier, k -> new LinkedHashSet<>()).addAll(names);
                bound.forEach(pair -> importBindings.put(pair[1], new Target(specifier, pair[0])));
            } else {
                complete = false; // import defer, import source, or something unknown
            }
        }

        /** Reads {@code { a, b as c, "d" as e }} at {@code open} into (imported or local, exported or bound) pairs; returns the index after it, or -1. */
        private int specifierList(int open, List<String[]> pairs) {
            int j = open + 1;
            while (true) {
                if (punct(at(t, j), "}")) {
                    return j + 1;
                }
                if (!kind(t, j, Kind.NAME) && !kind(t, j, Kind.STRING)) {
                    return -1;
                }
                String first = t.get(j).text();
                String second = first;
                j++;
                if (name(at(t, j), "as") && (kind(t, j + 1, Kind.NAME) || kind(t, j + 1, Kind.STRING))) {
                    second = t.get(j + 1).text();
                    j += 2;
                }
                pairs.add(new String[] {first, second});
                if (punct(at(t, j), ",")) {
                    j++;
                } else if (!punct(at(t, j), "}")) {
                    return -1;
                }
            }
        }

        /** {@code a = 1, { b, c: [d] } = o, ...}: every bound name, until the declaration ends. */
        private void declarators(int j, boolean var) {
            while (complete) {
                j = target(j, var);
                if (j < 0) {
                    complete = false;
                    return;
                }
                if (punct(at(t, j), "=")) {
                    j = initializerEnd(j + 1);
                }
                if (!punct(at(t, j), ",")) {
                    return;
                }
                j++;
            }
        }

        /** A binding name or pattern at {@code j}; returns the index after it, or -1. */
        private int target(int j, boolean var) {
            Token c = at(t, j);
            if (c != null && c.kind() == Kind.NAME) {
                exports.add(c.text());
                targets.put(c.text(), Target.local(c.text()));
                if (var) {
                    hoisted.put(c.text(), Hoisted.VAR);
                }
                return j + 1;
            }
            if (punct(c, "{")) {
                return objectPattern(j + 1, var);
            }
            if (punct(c, "[")) {
                return arrayPattern(j + 1, var);
            }
            return -1;
        }

        private int objectPattern(int j, boolean var) {
            while (j >= 0) {
                if (punct(at(t, j), "}")) {
                    return j + 1;
                }
                if (punct(at(t, j), "...")) {
                    j = target(j + 1, var);
                } else if (punct(at(t, j), "[")) {
                    j = bracketEnd(j);
                    j = punct(at(t, j), ":") ? target(j + 1, var) : -1;
                } else if ((kind(t, j, Kind.NAME) || kind(t, j, Kind.STRING) || kind(t, j, Kind.NUMBER)) && punct(at(t, j + 1), ":")) {
                    j = target(j + 2, var);
                } else if (kind(t, j, Kind.NAME)) {
                    j = target(j, var);
                } else {
                    return -1;
                }
                if (j >= 0 && punct(at(t, j), "=")) {
                    j = initializerEnd(j + 1);
                }
                if (j >= 0 && punct(at(t, j), ",")) {
                    j++;
                } else if (j >= 0 && !punct(at(t, j), "}")) {
                    return -1;
                }
            }
            return -1;
        }

        private int arrayPattern(int j, boolean var) {
            while (j >= 0) {
                if (punct(at(t, j), "]")) {
                    return j + 1;
                }
                if (punct(at(t, j), ",")) {
                    j++;
                    continue;
                }
                j = punct(at(t, j), "...") ? target(j + 1, var) : target(j, var);
                if (j >= 0 && punct(at(t, j), "=")) {
                    j = initializerEnd(j + 1);
                }
                if (j >= 0 && punct(at(t, j), ",")) {
                    j++;
                } else if (j >= 0 && !punct(at(t, j), "]")) {
                    return -1;
                }
            }
            return -1;
        }

        /** The index after the bracket group opened at {@code j}. */
        private int bracketEnd(int j) {
            int depth = 0;
            for (; j < t.size(); j++) {
                Token c = t.get(j);
                if (c.kind() == Kind.PUNCT && (c.text().equals("(") || c.text().equals("[") || c.text().equals("{"))) {
                    depth++;
                } else if (c.kind() == Kind.PUNCT && (c.text().equals(")") || c.text().equals("]") || c.text().equals("}"))
                        && --depth == 0) {
                    return j + 1;
                }
            }
            return -1;
        }

        /**
         * The end of an initializer: the first {@code ,} {@code ;} or closing bracket outside brackets, or a line
         * that starts a new statement (automatic semicolon insertion).
         */
        private int initializerEnd(int j) {
            int depth = 0;
            int start = j;
            for (; j < t.size(); j++) {
                Token c = t.get(j);
                if (j > start && depth == 0 && c.newlineBefore() && c.kind() == Kind.NAME && !c.escaped()
                        && STATEMENT_STARTS.contains(c.text())) {
                    return j;
                }
                if (c.kind() != Kind.PUNCT) {
                    continue;
                }
                switch (c.text()) {
                    case "(", "[", "{" -> depth++;
                    case ")", "]", "}" -> {
                        if (depth-- == 0) {
                            return j;
                        }
                    }
                    case ",", ";" -> {
                        if (depth == 0) {
                            return j;
                        }
                    }
                    default -> { }
                }
            }
            return j;
        }
    }
}
