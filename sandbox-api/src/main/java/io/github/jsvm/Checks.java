package io.github.jsvm;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Argument checks shared by the option records and their builders; messages name the argument and the bad value. */
final class Checks {
    private Checks() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    /** The longest duration limits take: what a {@code long} count of nanoseconds holds, about 292 years. */
    static final Duration LONGEST = Duration.ofNanos(Long.MAX_VALUE);

    static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidArgumentException(name + " must be positive, was " + value);
        }
        if (value.compareTo(LONGEST) > 0) {
            throw new InvalidArgumentException(name + " must be at most " + LONGEST + " (about 292 years), was " + value);
        }
        return value;
    }

    /** {@code value} if it is {@code null} (meaning none) or positive. */
    static @Nullable Duration positiveOrNull(@Nullable Duration value, String name) {
        return value == null ? null : positive(value, name);
    }

    static long positive(long value, String name) {
        if (value <= 0) {
            throw new InvalidArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    static long notNegative(long value, String name) {
        if (value < 0) {
            throw new InvalidArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
