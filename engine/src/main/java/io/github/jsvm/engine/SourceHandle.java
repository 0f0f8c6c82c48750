package io.github.jsvm.engine;

import java.lang.ref.SoftReference;
import org.graalvm.polyglot.Source;

/**
 * How a {@link GraalScript} holds its compiled source.
 *
 * <p>A script without host-defined options holds it strongly. A script with them must not: the
 * engine's parse cache is weak in the source but keeps the parsed code, and the code keeps the
 * {@link ScriptText}, whose options (through the hook) can reach the script and so the source again;
 * a strong reference would close that loop and pin the whole cycle in the engine's cache for the
 * engine's life. Such scripts hold the source softly instead (the cache stays warm until memory gets
 * short) and rebuild an equal source, which the engine parses again, once it has been cleared.
 */
abstract sealed class SourceHandle {

    static SourceHandle strong(Source source) {
        return new Strong(source);
    }

    static SourceHandle soft(Source source, ScriptText text, SourceOrigin origin, SourceJanitor janitor) {
        return new Soft(source, text, origin, janitor);
    }

    abstract Source get();

    private static final class Strong extends SourceHandle {
        private final Source source;

        Strong(Source source) {
            this.source = source;
        }

        @Override
        Source get() {
            return source;
        }
    }

    private static final class Soft extends SourceHandle {
        private final ScriptText text;
        private final SourceOrigin origin;
        private final SourceJanitor janitor;
        private volatile SoftReference<Source> source;

        Soft(Source source, ScriptText text, SourceOrigin origin, SourceJanitor janitor) {
            this.text = text;
            this.origin = origin;
            this.janitor = janitor;
            this.source = new SoftReference<>(source);
        }

        @Override
        Source get() {
            Source current = source.get();
            if (current == null) {
                current = janitor.track(origin.toSource(text));
                source = new SoftReference<>(current);
            }
            return current;
        }
    }
}
