package io.github.jsvm.engine;

import com.oracle.truffle.api.instrumentation.ExecutionEventNodeFactory;
import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.Tag;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import java.util.Objects;
import org.graalvm.polyglot.Engine;

/**
 * One of the library's Truffle instruments on one engine, attached only when a {@code Vm} first needs
 * it: an attached execution instrument costs every run of the engine (and makes GraalJS translate
 * functions eagerly), so a {@code Vm} that never asks pays nothing.
 *
 * <p>The instrument registers an {@link Attacher} as its service; {@link #ensureAttached()} looks it
 * up through the polyglot {@code Instrument} and attaches, once per engine.
 */
final class LazyInstrument {
    private final Engine engine;
    private final String id;
    private volatile boolean attached;

    /** The instrument registered under {@code id} (by this library) on {@code engine}. */
    LazyInstrument(Engine engine, String id) {
        this.engine = engine;
        this.id = id;
    }

    /** Attaches the instrument's nodes to the engine, unless done before. */
    void ensureAttached() {
        if (!attached) {
            org.graalvm.polyglot.Instrument instrument = Objects.requireNonNull(engine.getInstruments().get(id),
                    () -> "the instrument " + id + " is registered by this library");
            Objects.requireNonNull(instrument.lookup(Attacher.class), () -> "the attacher of " + id).attach();
            attached = true;
        }
    }

    /**
     * The service of a lazily attached instrument: attaches {@code factory}'s nodes to every node of
     * user code with a tag ({@code includeInternal(false)}, and none of the library's own sources); idempotent.
     */
    static final class Attacher {
        private final TruffleInstrument.Env env;
        private final Class<? extends Tag> tag;
        private final ExecutionEventNodeFactory factory;
        private final Runnable beforeFirstAttach;
        private boolean attached;

        /** {@code beforeFirstAttach} runs once, before the nodes are attached. */
        Attacher(TruffleInstrument.Env env, Class<? extends Tag> tag, ExecutionEventNodeFactory factory, Runnable beforeFirstAttach) {
            this.env = env;
            this.tag = tag;
            this.factory = factory;
            this.beforeFirstAttach = beforeFirstAttach;
        }

        synchronized void attach() {
            if (attached) {
                return;
            }
            beforeFirstAttach.run();
            SourceSectionFilter userCode = SourceSectionFilter.newBuilder()
                    .tagIs(tag)
                    .includeInternal(false)
                    .sourceIs(source -> !source.getName().startsWith(SourceOrigin.INTERNAL_PREFIX))
                    .build();
            env.getInstrumenter().attachExecutionEventFactory(userCode, factory);
            attached = true;
        }
    }
}
