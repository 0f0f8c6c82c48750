package io.github.jsvm;

import java.time.Duration;
import java.util.Optional;

/**
 * Limits for one run of code in a context. Immutable.
 *
 * <p>The timeout covers everything the run does: the script itself, the promise jobs (microtasks)
 * drained before the run returns, and the conversion of the result to Java. A run that exceeds it
 * is stopped with a {@link ScriptTimeoutException} shortly after the deadline; the context stays
 * usable.
 *
 * @param timeout the wall-clock limit, or {@code null} for none
 */
public record RunOptions(Duration timeout) {

    private static final RunOptions DEFAULTS = new RunOptions(null);

    /** Validates the components. */
    public RunOptions {
        if (timeout != null) {
            Checks.positive(timeout, "timeout");
        }
    }

    /** No limits. */
    public static RunOptions defaults() {
        return DEFAULTS;
    }

    /** Shorthand for a run limited to {@code timeout}. */
    public static RunOptions withTimeout(Duration timeout) {
        return new RunOptions(Checks.positive(timeout, "timeout"));
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The timeout, if one is set. */
    public Optional<Duration> timeoutIfSet() {
        return Optional.ofNullable(timeout);
    }

    /** Builds {@link RunOptions}; not thread-safe. */
    public static final class Builder {
        private Duration timeout;

        private Builder() {}

        /** Sets the wall-clock limit; must be positive. */
        public Builder timeout(Duration timeout) {
            this.timeout = Checks.positive(timeout, "timeout");
            return this;
        }

        /** Creates the options. */
        public RunOptions build() {
            return new RunOptions(timeout);
        }
    }
}
