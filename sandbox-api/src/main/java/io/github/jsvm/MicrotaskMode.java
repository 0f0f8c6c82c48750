package io.github.jsvm;

/**
 * When promise jobs (microtasks) queued by a run are executed.
 *
 * <p>There is one mode today. GraalJS drains the microtask queue whenever control returns from
 * JavaScript to the embedder, so every run behaves like Node's {@code microtaskMode: 'afterEvaluate'}:
 * the jobs run inside the run, count toward its timeout, and a run returns only when the queue is
 * empty. Node's default mode (jobs left for the host's event loop) has no counterpart here, because
 * there is no event loop.
 */
public enum MicrotaskMode {
    /** Microtasks are drained before the run returns and are covered by its timeout. */
    AFTER_EVALUATE
}
