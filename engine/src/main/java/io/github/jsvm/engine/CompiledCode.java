package io.github.jsvm.engine;

import java.lang.ref.WeakReference;
import java.util.function.Supplier;
import org.graalvm.polyglot.Source;
import org.jspecify.annotations.Nullable;

/**
 * The parsed code of one script or compiled function, and which source it runs as in a given
 * context.
 *
 * <ul>
 *   <li>{@link Plain}: no custom hook. Equal code gets equal sources and shares parsed code.
 *   <li>{@link Private}: a custom hook, with code of its own: the source text anchors the
 *       {@link HostDefinedOptions} and the URI names them, so {@code import()} finds them from any frame.
 *   <li>{@link Shared}: a custom hook on code this Vm compiled before with another hook. It runs as
 *       the neutral shared source in every context where no other script ran that source, and there
 *       the context records whose code it is; where another one did, as a private copy.
 * </ul>
 */
abstract sealed class CompiledCode {

    /** The source to evaluate in {@code context}; called inside a run of that context. */
    abstract Source sourceIn(GraalContext context);

    /** The source in a context where nothing ran this code yet; for tests. */
    abstract Source source();

    /** Code without a custom hook: its source is held strongly and shared with equal code. */
    static final class Plain extends CompiledCode {
        private final Source source;

        Plain(Source source) {
            this.source = source;
        }

        @Override
        Source sourceIn(GraalContext context) {
            return source;
        }

        @Override
        Source source() {
            return source;
        }
    }

    /**
     * Code with its own hook-anchored source. The engine's parse cache is weak in the source but
     * keeps the parsed code, and the code keeps the {@link ScriptText}, whose options (through the
     * hook) can reach the script and so the source again: a strong reference would close that loop
     * and pin the whole cycle in the engine's cache for the engine's life. So the code holds its
     * source weakly, and the Vm's {@link WarmSources} keeps the recently used ones softly, within a
     * bound; a source gone cold is rebuilt (and parsed again) when the code runs next.
     */
    static final class Private extends CompiledCode {
        private final ScriptText text;
        private final SourceOrigin origin;
        private final WarmSources warm;
        private volatile WeakReference<Source> source;

        Private(Source source, ScriptText text, SourceOrigin origin, WarmSources warm) {
            this.text = text;
            this.origin = origin;
            this.warm = warm;
            this.source = new WeakReference<>(warm.keep(this, source));
        }

        @Override
        Source sourceIn(GraalContext context) {
            return source();
        }

        @Override
        Source source() {
            Source current = source.get();
            if (current == null) {
                current = origin.toSource(text);
                source = new WeakReference<>(current);
            }
            return warm.keep(this, current);
        }
    }

    /**
     * Code whose parsed form is shared with other hooks. Holds the neutral source strongly (its text
     * references no hook, so no cycle can form through the engine's cache) and its own options, which
     * a context holds once this code ran there.
     */
    static final class Shared extends CompiledCode {
        private final Source shared;
        private final String key;
        private final HostDefinedOptions options;
        private final Supplier<Private> privateCopy;
        private volatile @Nullable Private copy;

        Shared(Source shared, String key, HostDefinedOptions options, Supplier<Private> privateCopy) {
            this.shared = shared;
            this.key = key;
            this.options = options;
            this.privateCopy = privateCopy;
        }

        @Override
        Source sourceIn(GraalContext context) {
            if (context.sharedCodeUsers().claim(key, options)) {
                return shared;
            }
            Private current = copy;
            if (current == null) {
                synchronized (this) {
                    current = copy;
                    if (current == null) {
                        current = privateCopy.get();
                        copy = current;
                    }
                }
            }
            return current.sourceIn(context);
        }

        @Override
        Source source() {
            return shared;
        }
    }
}
