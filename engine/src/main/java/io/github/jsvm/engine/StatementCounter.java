package io.github.jsvm.engine;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.EventContext;
import com.oracle.truffle.api.instrumentation.ExecutionEventNode;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.nodes.Node;
import org.jspecify.annotations.Nullable;

/**
 * Counts the JavaScript statements a run executes and stops the run that exceeds its budget
 * ({@code RunOptions.statementLimit}).
 *
 * <p>Attached to the engine only when a run first asks for a budget ({@link LazyInstrument}), so a
 * {@code Vm} whose runs never do pays nothing. From then on every statement of the engine enters a
 * small node that looks up the budget of the run on the current thread ({@link #CURRENT}, set by the
 * run) and, without one, returns at once. The library's own sources are not counted.
 *
 * <p>A run over budget gets a guest error at the statement that would exceed it, before that
 * statement runs. The guest can catch it, but every statement after that fails the same way, so the
 * run unwinds; the library then reports {@code ResourceExhaustedException}, and the context, which
 * was never cancelled, stays usable.
 */
final class StatementCounter extends TruffleInstrument {
    static final String ID = "jsvm-statement-counter";
    /* The budget of the run on this thread, or null; set and restored by ContextRunner around a run. */
    static final ThreadLocal<@Nullable StatementBudget> CURRENT = new ThreadLocal<>();

    @Override
    protected void onCreate(Env env) {
        env.registerService(new LazyInstrument.Attacher(env, StandardTags.StatementTag.class, Counting::new, () -> { }));
    }

    private static final class Counting extends ExecutionEventNode {
        Counting(@SuppressWarnings("unused") EventContext context) {}

        @Override
        protected void onEnter(VirtualFrame frame) {
            spend(this);
        }

        @TruffleBoundary
        private static void spend(Node location) {
            StatementBudget budget = CURRENT.get();
            if (budget != null && !budget.spend()) {
                throw new StatementLimitExceeded(budget.limit(), location);
            }
        }
    }

    /** What the guest sees when its run is over budget. */
    @SuppressWarnings("serial")
    static final class StatementLimitExceeded extends AbstractTruffleException {
        StatementLimitExceeded(long limit, Node location) {
            super("The run exceeded its statement limit of " + limit, location);
        }
    }

    /** Registers the instrument with Truffle (what the Truffle annotation processor would generate). */
    @TruffleInstrument.Registration(id = ID, name = "jsvm statement counter", services = LazyInstrument.Attacher.class)
    public static final class Provider extends InstrumentProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public Provider() {
            super(StatementCounter.class, StatementCounter::new, LazyInstrument.Attacher.class);
        }
    }
}
