package io.github.jsvm;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the option builders; messages name the argument and the bad value. */
final class Checks {
    private Checks() {}

    static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " must not be null");
    }

    static Duration positive(Duration value, String name) {
        notNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new InvalidArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
