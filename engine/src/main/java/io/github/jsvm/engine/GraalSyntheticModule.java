package io.github.jsvm.engine;

import io.github.jsvm.InvalidArgumentException;
import io.github.jsvm.ModuleOptions;
import io.github.jsvm.ModuleStatus;
import io.github.jsvm.SyntheticModule;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.Optional;
import java.util.Set;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;

/**
 * A module whose exports are set from Java. The engine loads a generated module that declares one
 * binding per export and hands Java a setter for them; values set before that are applied then,
 * before the {@link Evaluator} runs.
 */
final class GraalSyntheticModule extends GraalModule implements SyntheticModule {
    private static final Object UNSET = new Object();

    private final List<String> exportNames;
    /* Each export name's index in exportNames: a module may have many thousands, each set by name. */
    private final Map<String, Integer> exportIndexes;
    private final @Nullable AsyncEvaluator evaluator;
    private final Object[] pending;
    private volatile @Nullable Value setter;
    /* Guarded by pending: the evaluator, or the asynchronous step it returned, is running. */
    private boolean stepInProgress;

    GraalSyntheticModule(GraalContext context, String identifier, ModuleAddress address, ModuleOptions options,
            List<String> exportNames, @Nullable AsyncEvaluator evaluator) {
        super(context, identifier, address, options);
        this.exportNames = List.copyOf(exportNames);
        this.exportIndexes = HashMap.newHashMap(exportNames.size());
        for (int i = 0; i < exportNames.size(); i++) {
            exportIndexes.put(exportNames.get(i), i);
        }
        this.evaluator = evaluator;
        this.pending = new Object[exportNames.size()];
        Arrays.fill(pending, UNSET);
    }

    @Override
    public List<String> exportNames() {
        return exportNames;
    }

    @Override
    Optional<Set<String>> exportNames(Set<GraalModule> visiting) {
        return Optional.of(Collections.unmodifiableSet(exportIndexes.keySet()));
    }

    /* V8 creates a synthetic module's bindings as undefined; values set before evaluation wait in pending. */
    @Override
    @Nullable Object valueBeforeEvaluation(String name) {
        Integer index = exportIndexes.get(name);
        if (index == null) {
            return null; // not an export: the namespace has no such binding
        }
        synchronized (pending) {
            Object value = pending[index];
            return value == UNSET ? null : value;
        }
    }

    @Override
    boolean linksOnEvaluate() {
        return true;
    }

    @Override
    String engineText() {
        StringBuilder text = new StringBuilder(ModuleBridge.startedCall(key(), token()));
        StringBuilder exports = new StringBuilder();
        // One setter per binding, found by index: a switch would test every case before it on each set.
        StringBuilder setters = new StringBuilder();
        for (int i = 0; i < exportNames.size(); i++) {
            text.append(i == 0 ? " let " : ", ").append('$').append(i);
            exports.append(i == 0 ? "" : ", ").append('$').append(i).append(" as ").append(JsStrings.quote(exportNames.get(i)));
            setters.append(i == 0 ? "" : ", ").append("(v) => { $").append(i).append(" = v; }");
        }
        if (!exportNames.isEmpty()) {
            text.append("; export { ").append(exports).append(" };");
        }
        text.append(" const $set = [").append(setters).append("]; ")
                .append(ModuleBridge.syntheticCall(token(), "(i, v) => { $set[i](v); }"))
                .append(' ').append(ModuleBridge.doneCall(token()));
        return text.toString();
    }

    @Override
    public void setExport(String name, @Nullable Object value) {
        Objects.requireNonNull(name, "name must not be null");
        // Node checks the status before the name.
        ModuleStatus status = status();
        if (status == ModuleStatus.UNLINKED || status == ModuleStatus.LINKING) {
            throw lifecycle().statusMust("be linked", status);
        }
        Integer index = exportIndexes.get(name);
        if (index == null) {
            throw new InvalidArgumentException("'" + name + "' is not an export of " + identifier() + "; its exports are " + exportNames);
        }
        Value target;
        synchronized (pending) {
            // Before evaluation, or from another thread while the evaluator or its asynchronous step runs
            // (the evaluating run holds the context, so that thread cannot set the binding now): the
            // evaluating run applies it when the step completes.
            if (setter == null || stepInProgress && !graalContext().runner().isRunningOnCurrentThread()) {
                pending[index] = value;
                return;
            }
            target = setter;
        }
        graalContext().runOrJoin(null, converter -> target.execute(index, converter.toGuest(value, "export '" + name + "'")));
    }

    /** Called by the engine when the module is evaluated: applies pending values, then runs the evaluator. */
    @Nullable Object instantiate(Value exportSetter) {
        ValueConverter converter = graalContext().converter();
        synchronized (pending) {
            if (setter != null || !isLoaded()) {
                throw converter.guestError("Error", identifier() + " cannot be instantiated again", null);
            }
            setter = exportSetter;
            applyPending(exportSetter, converter);
        }
        if (evaluator != null) {
            synchronized (pending) {
                stepInProgress = true;
            }
            try {
                CompletionStage<?> step = evaluator.evaluate(this);
                if (step != null) {
                    StageWaiter.await(graalContext(), step);
                }
                synchronized (pending) {
                    stepInProgress = false;
                    applyPending(exportSetter, converter);
                }
            } catch (PolyglotException guestError) {
                throw guestError;
            } catch (Exception | Error failure) {
                throw converter.hostFailure("The evaluator of " + identifier() + " failed", failure);
            } finally {
                synchronized (pending) {
                    stepInProgress = false; // a failed step's exports are dropped with its module
                }
            }
        }
        return null;
    }

    /** Sets the exports set while no run could; holding {@code pending}'s lock, on the evaluating run's thread. */
    private void applyPending(Value setter, ValueConverter converter) {
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] != UNSET) {
                setter.execute(i, converter.toGuest(pending[i], "export '" + exportNames.get(i) + "'"));
                pending[i] = UNSET;
            }
        }
    }
}
