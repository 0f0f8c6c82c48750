package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around GraalJS issue 1067 (fixed upstream in 25.2; present in every 25.0.x): with a shared
 * engine, a global name that one context declares with {@code let}, {@code const} or {@code class}
 * can read as absent in that context after the same code ran in a context that lacks it.
 *
 * <p>The cause: the node looking a free name up in the global lexical scope may specialise on "absent"
 * guarded only by a property assumption, and the global scope's shape tree of a shared engine keeps
 * such assumptions. If a context declared the name before any assumption for it existed, nothing
 * invalidates the one a later lookup creates, and the shared node answers "absent" in every context.
 * The cure, per name and sharing layer: create the assumption (an uncached {@code typeof name}) and
 * add the name ({@code let name}) in a private context of the same layer. That invalidates the
 * assumption and blocks it for good, so lookups of the name are guarded by shapes, as upstream now
 * does, and a node that had already specialised is healed.
 *
 * <p>Global lexical names are declared only by scripts. After a script that may declare any
 * (it contains {@code let}, {@code const} or {@code class}) has run for the first time in a sharing
 * layer, the names of that context's global scope that are new to the layer are treated so.
 * {@code GraalJs1067CanaryTest} fails once GraalJS no longer has the bug, to say this class can go.
 */
final class AbsentGlobalGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AbsentGlobalGuard.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}\\p{Nl}$_][\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}$_]*");
    /* Words that cannot be declared with let (reserved, or restricted globals). */
    private static final Set<String> NOT_DECLARABLE = Set.of("break", "case", "catch", "class", "const", "continue",
            "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for",
            "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
            "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface",
            "package", "private", "protected", "public", "await", "undefined", "NaN", "Infinity");

    /*
     * GraalJS shares code only between contexts whose language options match, and two context
     * options set one: code generation from strings, and failing on unhandled rejections.
     */
    private static final int LAYERS = 4;

    private final ContextFactory contexts;
    /* One per sharing layer: the bug lives in each layer's own shared nodes and shape tree. */
    private final Layer[] layers = new Layer[LAYERS];
    private boolean closed;

    AbsentGlobalGuard(ContextFactory contexts) {
        this.contexts = contexts;
    }

    /** Whether {@code code} may declare global lexical bindings: a cheap over-approximation. */
    static boolean mayDeclare(String code) {
        return code.contains("let") || code.contains("const") || code.contains("class");
    }

    /** The index of the sharing layer of contexts with these options. */
    static int layer(ContextOptions options) {
        return (options.codeGenerationFromStrings() ? 0 : 1) | (options.failOnUnhandledRejection() ? 2 : 0);
    }

    /** Options of a context in sharing layer {@code layer}. */
    private static ContextOptions optionsOf(int layer) {
        return ContextOptions.builder().codeGenerationFromStrings((layer & 1) == 0).failOnUnhandledRejection((layer & 2) != 0).build();
    }

    /**
     * Treats the global names of {@code polyglot} (a context of sharing layer {@code layer}, inside a
     * run) that are new to the layer. Returns whether it could read them.
     */
    boolean cover(Context polyglot, int layer) {
        Set<String> names;
        try {
            names = polyglot.getBindings(SourceOrigin.LANGUAGE).getMemberKeys();
        } catch (RuntimeException stoppedOrClosed) {
            return false;
        }
        List<String> fresh = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return true;
            }
            Layer target = layers[layer];
            if (target == null) {
                target = new Layer(contexts.create(optionsOf(layer)));
                layers[layer] = target;
            }
            for (String name : names) {
                if (!target.covered.contains(name) && IDENTIFIER.matcher(name).matches() && !NOT_DECLARABLE.contains(name)) {
                    fresh.add(name);
                }
            }
            if (!fresh.isEmpty()) {
                target.cover(fresh);
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        closed = true;
        for (Layer layer : layers) {
            if (layer != null) {
                layer.context.close(true);
            }
        }
    }

    /** The private context of one sharing layer, and the names already treated in it. */
    private static final class Layer {
        private final Context context;
        private final Set<String> covered = new HashSet<>();
        private int batches;

        Layer(Context context) {
            this.context = context;
        }

        void cover(List<String> names) {
            try {
                treat(names);
            } catch (PolyglotException batchFailed) {
                // One name the batch could not declare: treat them one by one, skipping that one.
                for (String name : names) {
                    try {
                        treat(List.of(name));
                    } catch (PolyglotException failed) {
                        LOG.debug("Cannot treat global name '{}' against graaljs#1067: {}", name, failed.getMessage());
                        covered.add(name);
                    }
                }
            }
        }

        private void treat(List<String> names) {
            StringBuilder probe = new StringBuilder();
            StringBuilder declare = new StringBuilder("let ");
            for (int i = 0; i < names.size(); i++) {
                probe.append("typeof ").append(names.get(i)).append(";\n");
                declare.append(i == 0 ? "" : ", ").append(names.get(i));
            }
            int batch = ++batches;
            // Uncached: these nodes must not be shared with user code, only reach the shared shape tree.
            context.eval(Source.newBuilder(SourceOrigin.LANGUAGE, probe, SourceOrigin.INTERNAL_PREFIX + "probe-" + batch + ".js")
                    .cached(false).buildLiteral());
            context.eval(Source.newBuilder(SourceOrigin.LANGUAGE, declare.append(';'),
                    SourceOrigin.INTERNAL_PREFIX + "declare-" + batch + ".js").cached(false).buildLiteral());
            covered.addAll(names);
        }
    }
}
