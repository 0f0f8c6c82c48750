package io.github.jsvm.engine;

import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What guest code sees of exceptions thrown by host code it called (a {@code HostFunction}, an
 * import hook, a synthetic module's evaluator, an import-meta initializer): a plain {@code Error}
 * whose message says what failed and either the exception's message (when the context's options
 * expose it) or an error id, logged here with the exception. Never the exception's class, whether
 * it is an {@code Exception} or an {@code Error} (an {@code OutOfMemoryError} that the guest lets
 * through ends the run as the host's heap running out). The
 * original exception is remembered, so that a guest error standing for it that reaches the host
 * uncaught is reported as that exception.
 */
final class HostFailures {
    private static final Logger LOG = LoggerFactory.getLogger(HostFailures.class);
    /* Enough for the failures of a run or two; older ones are reported as guest errors. */
    private static final int REMEMBERED = 64;
    private static final SecureRandom IDS = new SecureRandom();

    private final boolean exposeMessages;
    private final Map<String, Throwable> recent = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Throwable> eldest) {
            return size() > REMEMBERED;
        }
    });

    HostFailures(boolean exposeMessages) {
        this.exposeMessages = exposeMessages;
    }

    /**
     * The exception to throw into the guest for {@code failure}; {@code what} names what failed
     * (for example "The import hook of main.js failed for 'x'"), without host details.
     */
    PolyglotException report(ValueConverter converter, String what, Throwable failure) {
        // An OutOfMemoryError too: rethrown as itself, it would reach the guest as a catchable host
        // exception showing its class and message. Uncaught, the run ends as the host's heap running out.
        byte[] random = new byte[8];
        IDS.nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        recent.put(id, failure);
        try {
            LOG.debug("{}; the guest sees host error {}", what, id, failure);
        } catch (RuntimeException unprintable) {
            LOG.debug("{}; the guest sees host error {}, a {} that cannot be printed", what, id, failure.getClass().getName());
        }
        String message = exposeMessages ? ErrorTranslator.messageOf(failure) : null;
        String detail = message != null ? ": " + message : "";
        return converter.hostError(what + detail + " (host error " + id + ")", id);
    }

    /** The host exception the guest value {@code thrown} stands for, or {@code null}. */
    @Nullable Throwable originalOf(ValueConverter converter, Value thrown) {
        String id = converter.hostErrorId(thrown);
        return id == null ? null : recent.get(id);
    }
}
