package io.github.jsvm.engine;

import io.github.jsvm.ContextOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The guest's console of one context ({@code console.log} and friends, {@code console.error} and
 * {@code console.warn}): counts what the guest writes and caps it per context
 * ({@code ContextOptions.consoleOutputLimit}) and per run ({@code RunOptions.consoleOutputLimit}).
 *
 * <p>Output past a cap is dropped; the first write that crosses it writes what still fits (cut at a
 * character boundary) and then one marker line saying so, once per run for the run's cap and once for
 * the context's. Nothing here blocks or throws into the guest beyond what the application's own
 * streams do. The output and error streams share the counts.
 */
final class ConsoleOutput {
    private final @Nullable OutputStream output;
    private final @Nullable OutputStream error;
    private final long contextLimit;
    /* Guarded by this: the guest writes on the run's thread, but a stream must never be torn by another. */
    private long written;
    private long dropped;
    private boolean contextMarked;
    private long runLimit;
    private long runStart;
    private boolean runMarked;
    private boolean atLineStart = true;

    final OutputStream out = new Channel(false);
    final OutputStream err = new Channel(true);

    ConsoleOutput(ContextOptions options) {
        this.output = options.consoleOutput();
        this.error = options.consoleError() == null ? options.consoleOutput() : options.consoleError();
        this.contextLimit = options.consoleOutputLimit();
    }

    /** A run starts with a cap of {@code limit} bytes ({@code 0} for none); the runner skips it when neither this run nor the last one had a cap. */
    synchronized void runStarted(long limit) {
        runLimit = limit;
        runStart = written + dropped;
        runMarked = false;
    }

    /** Bytes the guest wrote to the console over the context's life, dropped ones included. */
    synchronized long bytes() {
        return written + dropped;
    }

    /** Bytes the guest wrote that were dropped over the context's life. */
    synchronized long droppedBytes() {
        return dropped;
    }

    private synchronized void write(boolean toError, byte[] bytes, int offset, int length) throws IOException {
        if (length <= 0) {
            return;
        }
        long runWritten = written + dropped - runStart;
        long room = Long.MAX_VALUE;
        if (contextLimit > 0) {
            room = Math.max(0, contextLimit - written);
        }
        boolean runCap = false;
        if (runLimit > 0 && runLimit - runWritten < room) {
            room = Math.max(0, runLimit - runWritten);
            runCap = true;
        }
        OutputStream target = toError ? error : output;
        if (length <= room) {
            written += length;
            if (target != null) {
                target.write(bytes, offset, length);
            }
            atLineStart = bytes[offset + length - 1] == '\n';
            return;
        }
        int kept = (int) room;
        while (kept > 0 && (bytes[offset + kept] & 0xC0) == 0x80) {
            kept--; // never split a UTF-8 character
        }
        written += kept;
        dropped += length - kept;
        if (kept > 0) {
            atLineStart = bytes[offset + kept - 1] == '\n';
        }
        String marker = null;
        if (runCap && !runMarked) {
            runMarked = true;
            marker = "[jsvm: console output truncated: this run's limit of " + runLimit + " bytes reached]";
        } else if (!runCap && !contextMarked) {
            contextMarked = true;
            marker = "[jsvm: console output truncated: the context's limit of " + contextLimit + " bytes reached]";
        }
        if (target != null) {
            if (kept > 0) {
                target.write(bytes, offset, kept);
            }
            if (marker != null) {
                target.write(((atLineStart ? "" : "\n") + marker + "\n").getBytes(StandardCharsets.UTF_8));
                atLineStart = true;
            }
        }
    }

    private synchronized void flush(boolean toError) throws IOException {
        OutputStream target = toError ? error : output;
        if (target != null) {
            target.flush();
        }
    }

    /** One of the two streams handed to the engine. */
    private final class Channel extends OutputStream {
        private final boolean toError;

        Channel(boolean toError) {
            this.toError = toError;
        }

        @Override
        public void write(int b) throws IOException {
            ConsoleOutput.this.write(toError, new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ConsoleOutput.this.write(toError, bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            ConsoleOutput.this.flush(toError);
        }
    }
}
