package io.github.jsvm.engine;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.instrumentation.EventContext;
import com.oracle.truffle.api.instrumentation.ExecutionEventNode;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import org.jspecify.annotations.Nullable;

/**
 * Caps how deep JavaScript frames nest in a run of a context with {@code ContextOptions.maxStackDepth}.
 *
 * <p>Attached to the engine only when a context of its {@code Vm} first asks for a depth
 * ({@link LazyInstrument}), so a {@code Vm} whose contexts never do pays nothing. From then on every
 * JavaScript function entry (and the top level of each script and module) enters a small node that
 * looks up the depth of the run on the current thread ({@link #CURRENT}, set by the run) and, without
 * one, returns at once. The library's own sources are not counted.
 *
 * <p>The frame one past the limit is refused on entry, before its first statement, with the error the
 * engine raises when the host thread's stack runs out: GraalJS turns a {@link StackOverflowError} into
 * the guest's {@code RangeError: Maximum call stack size exceeded}, which the guest can catch exactly
 * as it would a real stack overflow. The context was never cancelled and stays usable.
 */
final class StackDepthLimiter extends TruffleInstrument {
    static final String ID = "jsvm-stack-depth-limiter";
    /* The depth of the run on this thread, or null; set and restored by ContextRunner around a run. */
    static final ThreadLocal<@Nullable Depth> CURRENT = new ThreadLocal<>();
    /* Whether any engine of this JVM has the limiter attached: runs without a depth then clear CURRENT (a nested run must not inherit its caller's depth). */
    private static volatile boolean inUse;

    /** Whether any run may be counted, so that a run without a depth must clear the one it may inherit. */
    static boolean inUse() {
        return inUse;
    }

    /** The frames of one run and its cap. Touched only by the thread of the run, so plain fields. */
    static final class Depth {
        private final int limit;
        private int frames;
        private int deepest;

        Depth(int limit) {
            this.limit = limit;
        }

        /** The deepest nesting reached so far. */
        int deepest() {
            return deepest;
        }
    }

    @Override
    protected void onCreate(Env env) {
        env.registerService(new LazyInstrument.Attacher(env, StandardTags.RootTag.class, Counting::new, () -> inUse = true));
    }

    private static final class Counting extends ExecutionEventNode {
        Counting(@SuppressWarnings("unused") EventContext context) {}

        @Override
        protected void onEnter(VirtualFrame frame) {
            enter();
        }

        @Override
        protected void onReturnValue(VirtualFrame frame, Object result) {
            leave();
        }

        @Override
        protected void onReturnExceptional(VirtualFrame frame, Throwable exception) {
            // Also after a refused entry (Truffle reports the exception thrown by onEnter here), and
            // when a generator or an async function suspends: every entry has exactly one exit.
            leave();
        }

        @TruffleBoundary
        private static void enter() {
            Depth depth = CURRENT.get();
            if (depth != null) {
                int frames = ++depth.frames;
                if (frames > depth.limit) {
                    throw new DepthExceeded();
                }
                if (frames > depth.deepest) {
                    depth.deepest = frames;
                }
            }
        }

        @TruffleBoundary
        private static void leave() {
            Depth depth = CURRENT.get();
            if (depth != null && depth.frames > 0) {
                depth.frames--;
            }
        }
    }

    /**
     * Raised on entry to the frame one past the limit: GraalJS makes the guest's {@code RangeError} of
     * it, as of a real stack overflow. No stack trace: it is never shown.
     */
    @SuppressWarnings("serial")
    static final class DepthExceeded extends StackOverflowError {
        DepthExceeded() {
            super("The run exceeded its context's maximum stack depth");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Registers the instrument with Truffle (what the Truffle annotation processor would generate). */
    @TruffleInstrument.Registration(id = ID, name = "jsvm stack depth limiter", services = LazyInstrument.Attacher.class)
    public static final class Provider extends InstrumentProvider {
        /** Called by {@link java.util.ServiceLoader}. */
        public Provider() {
            super(StackDepthLimiter.class, StackDepthLimiter::new, LazyInstrument.Attacher.class);
        }
    }
}
