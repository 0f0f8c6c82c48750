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
 * Checks a run's allocation limit from the running thread itself, between statements, so that a
 * memory bomb is stopped within a few megabytes of its limit even when the watchdog thread waits for
 * a core (eight busy threads on two cores let it overshoot by 100 MB and more).
 *
 * <p>Attached to the engine only when a run first sets an allocation limit ({@link LazyInstrument}).
 * Each statement node then counts down a counter of its own, without looking anything up; when it
 * reaches zero, the node reads the thread's allocated bytes, asks the guard of the run on the current
 * thread ({@link #CURRENT}, set by the run) to compare them with the limit, and sets its next period
 * so that its executions allocate about {@value #BYTES_PER_PERIOD} bytes between two checks. The
 * watchdog keeps sampling as before: this only makes the common case (a loop that allocates) fast,
 * and a single statement that allocates a lot at once is caught by the watchdog or by the heap.
 *
 * <p>A run past its limit (or stopped by any other limit) gets a guest error at the checking
 * statement; the guest can catch it, but the next check throws again, and the watchdog's interrupt,
 * already on its way, ends the run. The library reports {@code ResourceExhaustedException}; the
 * context stays usable.
 */
final class AllocationCheck extends TruffleInstrument {
    static final String ID = "jsvm-allocation-check";
    /** How many executions of one statement node between two checks, at first. */
    static final int FIRST_PERIOD = 16;
    /** The longest period: a node whose executions allocate nothing is still checked this often. */
    static final int MAX_PERIOD = 4096;
    /** What one node's executions may allocate between two of its checks: the precision aimed at. */
    static final long BYTES_PER_PERIOD = 1L << 20;
    /* The guard of the allocation-limited run on this thread, or null; set and restored by ContextRunner around a run. */
    static final ThreadLocal<@Nullable RunGuard> CURRENT = new ThreadLocal<>();

    @Override
    protected void onCreate(Env env) {
        env.registerService(new LazyInstrument.Attacher(env, StandardTags.StatementTag.class, Checking::new, () -> { }));
    }

    /*
     * A check costs a thread-local lookup and a read of the thread's allocation counter (tens of
     * nanoseconds), so each node adapts its period to what its executions allocate: a statement of a
     * loop that allocates 100 KB an iteration is checked about every 10 iterations, one that allocates
     * nothing every 4096. The fields are racy across threads by design (the code is shared by every
     * context of the engine): a lost update or another thread's counter only makes one period wrong,
     * within its bounds, and the watchdog still samples.
     */
    private static final class Checking extends ExecutionEventNode {
        private int countdown = FIRST_PERIOD;
        private int period = FIRST_PERIOD;
        private long allocatedAtLastCheck;

        Checking(@SuppressWarnings("unused") EventContext context) {}

        @Override
        protected void onEnter(VirtualFrame frame) {
            if (--countdown <= 0) {
                check();
            }
        }

        @TruffleBoundary
        private void check() {
            long allocated = ResourceMeter.THREADS.getCurrentThreadAllocatedBytes();
            long since = allocated - allocatedAtLastCheck;
            allocatedAtLastCheck = allocated;
            // Negative only with another thread's counter in the node: start over.
            int next = since < 0 ? FIRST_PERIOD
                    : since == 0 ? MAX_PERIOD : (int) Math.min(MAX_PERIOD, Math.max(1, BYTES_PER_PERIOD * period / since));
            period = next;
            countdown = next;
            RunGuard guard = CURRENT.get();
            if (guard != null && guard.stoppedOnRunThread(allocated)) {
                throw new RunStopped(this);
            }
        }
    }

    /** What the guest sees at a check once its run has been stopped. */
    @SuppressWarnings("serial")
    static final class RunStopped extends AbstractTruffleException {
        RunStopped(Node location) {
            super("The run was stopped: it exceeded a limit", location);
        }
    }

    /** Registers the instrument with Truffle (what the Truffle annotation processor would generate). */
    @TruffleInstrument.Registration(id = ID, name = "jsvm allocation check", services = LazyInstrument.Attacher.class)
    public static final class Provider extends InstrumentProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public Provider() {
            super(AllocationCheck.class, AllocationCheck::new, LazyInstrument.Attacher.class);
        }
    }
}
