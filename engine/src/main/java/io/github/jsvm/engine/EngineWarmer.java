package io.github.jsvm.engine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code VmOptions.warmUp}: a daemon thread that creates, uses and closes throwaway contexts and parses
 * small sources on a new {@code Vm}'s engine, so that the JVM compiles GraalJS's context set-up and
 * parser before the application's first contexts and compiles need them (in a fresh JVM the first
 * thousand contexts cost several times what later ones do).
 *
 * <p>The steps take the paths of the application's own contexts, runs and compiles (a first version that
 * created bare polyglot contexts left jsvm's per-context set-up cold and made no measurable difference), but
 * never reach the {@code Vm}'s counters, open-context set or compile cache (see {@code GraalJsVm.WarmUpSteps}). {@link #stop()} (from {@code Vm.close}) ends it after the
 * current step and waits for it, so the engine is not closed under it.
 */
final class EngineWarmer {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmer.class);
    /** Throwaway contexts; measured in benchmarks/RESULTS.md ("Warm-up"). */
    static final int CONTEXTS = 500;
    /** Distinct small sources parsed. */
    static final int COMPILES = 100;

    /** One step of each kind; each may throw once the Vm is closing. */
    interface Steps {
        /** Creates a context, runs a tiny script in it and closes it. */
        void context();

        /** Compiles {@code code} (not cached). */
        void compile(String code);
    }

    private final Steps steps;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile int contextsDone;
    private volatile int compilesDone;

    private EngineWarmer(String vmName, Steps steps) {
        this.steps = steps;
        this.thread = new Thread(this::run, vmName + "-warm-up");
        thread.setDaemon(true);
        // Below the application's threads: the warm-up only uses what they leave.
        thread.setPriority(Thread.MIN_PRIORITY);
    }

    /** Starts taking {@code steps} on a daemon thread named after the Vm. */
    static EngineWarmer start(String vmName, Steps steps) {
        EngineWarmer warmer = new EngineWarmer(vmName, steps);
        warmer.thread.start();
        return warmer;
    }

    private void run() {
        try {
            // Interleaved, so that both paths are warm early, as an application's first test files need both.
            for (int i = 0; i < CONTEXTS && !stopped; i++) {
                steps.context();
                contextsDone = i + 1;
                if (i % (CONTEXTS / COMPILES) == 0 && compilesDone < COMPILES && !stopped) {
                    steps.compile(source(compilesDone));
                    compilesDone++;
                }
            }
        } catch (RuntimeException stoppedUnder) {
            // The Vm closed under the warm-up (VmClosedException, or its engine is gone): nothing to warm any more.
            LOG.debug("Warm-up ended early", stoppedUnder);
        }
    }

    /** A small source unique to {@code i}, so that each one is parsed. */
    static String source(int i) {
        return "var w" + i + " = " + i + ";\nfunction g" + i + "(a, b) { return a * " + i + " + b; }\ng" + i + "(w" + i + ", 1);\n";
    }

    /** Ends the warm-up after its current step and waits for it. */
    void stop() {
        stopped = true;
        if (Thread.currentThread() == thread) {
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the thread has finished (all steps done, or stopped). */
    boolean finished() {
        return !thread.isAlive();
    }

    int contextsDone() {
        return contextsDone;
    }

    int compilesDone() {
        return compilesDone;
    }
}
