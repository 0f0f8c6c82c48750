package io.github.jsvm.leaktest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How hard a {@link LeakTester} tries before it reports a leak. Immutable.
 *
 * @param maxSamples samples created before a collectability check gives up
 * @param timeLimit time a check may take before it gives up, before {@code timeFactor} is applied
 * @param timeFactor multiplies every wait and time limit, for slow machines; read from the system
 *     property {@code jsvm.leaktest.timeFactor} by {@link #defaults()}
 * @param dumpDirectory where heap dumps of failed checks are kept
 * @param clearSoftReferences whether the strongest escalation fills the heap until the JVM clears soft
 *     references (it does so before any {@code OutOfMemoryError}); without it softly held samples never count
 *     as collected
 */
public record LeakTestOptions(int maxSamples, Duration timeLimit, double timeFactor, Path dumpDirectory,
        boolean clearSoftReferences) {

    /** Validates the components. */
    public LeakTestOptions {
        if (maxSamples < 1) {
            throw new IllegalArgumentException("maxSamples must be at least 1, was " + maxSamples);
        }
        Objects.requireNonNull(timeLimit, "timeLimit must not be null");
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        }
        if (!(timeFactor > 0) || Double.isInfinite(timeFactor)) {
            throw new IllegalArgumentException("timeFactor must be a positive number, was " + timeFactor);
        }
        Objects.requireNonNull(dumpDirectory, "dumpDirectory must not be null");
    }

    /**
     * 64 samples, 30 seconds, the time factor from {@code -Djsvm.leaktest.timeFactor} (1 by default),
     * dumps under {@code target/leaktest}, soft references cleared.
     */
    public static LeakTestOptions defaults() {
        return new LeakTestOptions(64, Duration.ofSeconds(30),
                Double.parseDouble(System.getProperty("jsvm.leaktest.timeFactor", "1")), Path.of("target", "leaktest"), true);
    }

    /** These options with another sample limit. */
    public LeakTestOptions withMaxSamples(int samples) {
        return new LeakTestOptions(samples, timeLimit, timeFactor, dumpDirectory, clearSoftReferences);
    }

    /** These options with another time limit. */
    public LeakTestOptions withTimeLimit(Duration limit) {
        return new LeakTestOptions(maxSamples, limit, timeFactor, dumpDirectory, clearSoftReferences);
    }

    /** These options with soft references cleared, or not, by the strongest escalation. */
    public LeakTestOptions withClearSoftReferences(boolean clear) {
        return new LeakTestOptions(maxSamples, timeLimit, timeFactor, dumpDirectory, clear);
    }

    /** {@code base} scaled by the time factor. */
    Duration scaled(Duration base) {
        return Duration.ofNanos((long) (base.toNanos() * timeFactor));
    }
}
