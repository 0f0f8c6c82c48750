package io.github.jsvm.jsr223;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The console stream a context writes to, decoded from UTF-8 into whatever writer the current run's
 * {@link javax.script.ScriptContext} names (looked up at each write, since a context outlives runs and
 * their writers). Bytes of a character split across writes are kept until it is complete. Used by one
 * run at a time.
 */
final class WriterOutputStream extends OutputStream {
    private final Supplier<Writer> target;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer pending = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(Supplier<Writer> target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        Writer writer = target.get();
        while (length > 0) {
            int chunk = Math.min(length, pending.remaining());
            pending.put(bytes, offset, chunk);
            offset += chunk;
            length -= chunk;
            pending.flip();
            while (decoder.decode(pending, chars, false).isOverflow()) {
                drainTo(writer);
            }
            pending.compact();
            drainTo(writer);
        }
        if (writer != null) {
            // console output must be visible as it happens, not when the run ends
            writer.flush();
        }
    }

    private void drainTo(Writer writer) throws IOException {
        chars.flip();
        if (writer != null) {
            writer.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
        }
        chars.clear();
    }
}
