package io.github.jsvm;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A module whose exports are set from Java: Node's {@code vm.SyntheticModule}. Its export names are
 * fixed at creation; their values are set with {@link #setExport}, typically by the
 * {@link Evaluator} that runs when the module is evaluated. It has no dependencies, so
 * {@link #evaluate} links it when it is unlinked, as in Node.
 */
public non-sealed interface SyntheticModule extends Module {

    /** The export names, as given at creation. */
    List<String> exportNames();

    /**
     * Sets export {@code name} to {@code value} (converted as described in {@link Vm}); importers
     * see the new value at once (exports are live bindings).
     *
     * @throws NullPointerException when {@code name} is {@code null}
     * @throws ModuleStatusException when the module is not linked yet (checked first, as in Node)
     * @throws InvalidArgumentException when {@code name} is not one of {@link #exportNames()} or
     *     {@code value} cannot be converted
     * @throws ContextBusyException when the module is evaluated and its context runs code on another thread
     * @throws ContextClosedException when the module is evaluated and its context is closed
     */
    void setExport(String name, @Nullable Object value);

    /**
     * Sets a synthetic module's exports when it is evaluated, asynchronously: the evaluation
     * completes when the returned stage does (a {@code null} stage completes at once), and fails with
     * its failure. The run that evaluates the module waits for the stage, within its limits. See
     * {@link Vm#asyncSyntheticModule}.
     */
    @FunctionalInterface
    interface AsyncEvaluator {
        /**
         * Called once, when the module is evaluated, on the thread that evaluates it.
         *
         * @throws Exception to make evaluation fail (the module becomes errored)
         */
        java.util.concurrent.@Nullable CompletionStage<?> evaluate(SyntheticModule module) throws Exception;
    }

    /** Sets a synthetic module's exports when it is evaluated: Node's {@code evaluateCallback}. */
    @FunctionalInterface
    interface Evaluator {
        /**
         * Called once, when the module is evaluated, on the thread that evaluates it.
         *
         * @throws Exception to make evaluation fail (the module becomes errored)
         */
        void evaluate(SyntheticModule module) throws Exception;
    }
}
