package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import io.github.jsvm.VmException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.function.Supplier;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Lends the private contexts that parse and check code on behalf of a {@link GraalJsVm}, one
 * borrower at a time each.
 *
 * <p>A GraalJS context admits one thread at a time, so with a single parser context every compile
 * of the {@code Vm} waited for the one before it: one tenant's huge source held up every other
 * tenant's compile. The pool creates a further context only when all existing ones are lent out, up
 * to {@link #MAX_PARSERS}; a single-threaded application keeps one. All of them share the engine
 * and the default options with user contexts, so whichever parses a source, the parsed code lands
 * in the engine's source cache where every default context finds it.
 *
 * <p>Closing closes the idle contexts at once and each lent one when it comes back; borrowing after
 * closing fails.
 */
final class ParserPool implements AutoCloseable {
    /** At least two, so that one long parse never holds up every other compile, even on one core. */
    static final int MAX_PARSERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** One parser context and the guest functions the compiler calls in it. */
    record Parser(Context context, Value functionConstructor, Value jsonParse) {
        static Parser create(ContextFactory contexts) {
            Context context = contexts.create(ContextOptions.defaults());
            Value global = context.getBindings(SourceOrigin.LANGUAGE);
            return new Parser(context, global.getMember("Function"), global.getMember("JSON").getMember("parse"));
        }
    }

    private final Supplier<Parser> factory;
    /* Parser contexts are entered on them when the caller is a thread that erases its thread locals. */
    private final CarrierThreads carriers;
    private final Deque<Parser> idle = new ArrayDeque<>();
    private int created;
    private boolean closed;

    /** Creates the first parser at once, so that a broken engine fails when the {@code Vm} is created. */
    ParserPool(ContextFactory contexts, CarrierThreads carriers) {
        this(() -> Parser.create(contexts), carriers);
    }

    /** With the given way to make a parser; tests use it to fail or close at a chosen moment. */
    ParserPool(Supplier<Parser> factory, CarrierThreads carriers) {
        this.factory = factory;
        this.carriers = carriers;
        idle.push(carriers.call(factory));
        created = 1;
    }

    /** Runs {@code work} with a parser no other thread uses meanwhile; waits while all are lent out. */
    <T> T withParser(Function<Parser, T> work) {
        return CarrierThreads.erasesThreadLocals(Thread.currentThread()) ? carriers.call(() -> withParserHere(work)) : withParserHere(work);
    }

    private <T> T withParserHere(Function<Parser, T> work) {
        Parser parser = borrow();
        try {
            return work.apply(parser);
        } catch (RuntimeException failure) {
            if (isClosed()) {
                // Closing the Vm cancels a parse in progress: report that, not the engine's failure (which holds engine objects).
                throw closedError();
            }
            throw failure;
        } finally {
            giveBack(parser);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** What any work of a closed {@code Vm}'s compiler fails with. */
    static VmException closedError() {
        return new VmException("The Vm is closed");
    }

    private Parser borrow() {
        synchronized (this) {
            while (true) {
                if (closed) {
                    throw closedError();
                }
                Parser parser = idle.poll();
                if (parser != null) {
                    return parser;
                }
                if (created < MAX_PARSERS) {
                    created++; // reserved: the context is built outside the lock
                    break;
                }
                try {
                    wait();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new VmException("Interrupted while waiting for a parser context");
                }
            }
        }
        try {
            return factory.get();
        } catch (RuntimeException | Error failed) {
            synchronized (this) {
                created--;
                notifyAll();
                if (closed && failed instanceof RuntimeException) {
                    // The engine closed under the new context: report the closed Vm, not the engine's error.
                    throw closedError();
                }
            }
            throw failed;
        }
    }

    private void giveBack(Parser parser) {
        synchronized (this) {
            if (!closed) {
                idle.push(parser);
                notifyAll();
                return;
            }
        }
        parser.context().close(true);
    }

    /** How many parser contexts exist; for tests. */
    synchronized int created() {
        return created;
    }

    @Override
    public void close() {
        Parser[] idleParsers;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            idleParsers = idle.toArray(Parser[]::new);
            idle.clear();
            notifyAll();
        }
        for (Parser parser : idleParsers) {
            parser.context().close(true);
        }
    }
}
