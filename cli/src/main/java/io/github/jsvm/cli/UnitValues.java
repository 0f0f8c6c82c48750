package io.github.jsvm.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the values of the limit flags: durations ({@code 500ms}, {@code 2s}, {@code 1m}; a bare
 * number is milliseconds) and byte counts ({@code 512k}, {@code 64m}, {@code 1g}, binary multiples;
 * a bare number is bytes). Every value must be a positive whole number; anything else is an
 * {@link IllegalArgumentException} naming the flag and the value.
 */
final class UnitValues {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)?");
    private static final Pattern BYTES = Pattern.compile("(\\d+)([kmg])?b?");

    private UnitValues() {}

    static Duration duration(String flag, String value) {
        Matcher match = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!match.matches()) {
            throw new IllegalArgumentException(flag + " must be a duration such as 500ms, 2s or 1m (a bare number is"
                    + " milliseconds), got '" + value + "'");
        }
        long millisPerUnit = switch (match.group(2) == null ? "ms" : match.group(2)) {
            case "s" -> 1_000;
            case "m" -> 60_000;
            default -> 1;
        };
        return Duration.ofMillis(positive(flag, value, match.group(1), millisPerUnit));
    }

    static long bytes(String flag, String value) {
        Matcher match = BYTES.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!match.matches()) {
            throw new IllegalArgumentException(flag + " must be a size in bytes such as 512k, 64m or 1g (a bare number is"
                    + " bytes), got '" + value + "'");
        }
        long bytesPerUnit = match.group(2) == null ? 1 : switch (match.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            default -> 1L << 30;
        };
        return positive(flag, value, match.group(1), bytesPerUnit);
    }

    /** A positive count: digits only. */
    static long count(String flag, String value) {
        if (!value.trim().matches("[0-9]+")) {
            throw new IllegalArgumentException(flag + " must be a positive whole number, got '" + value + "'");
        }
        return positive(flag, value, value.trim(), 1);
    }

    private static long positive(String flag, String value, String digits, long unit) {
        long amount;
        try {
            amount = Math.multiplyExact(Long.parseLong(digits), unit);
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            throw new IllegalArgumentException(flag + " is too large: '" + value + "'");
        }
        if (amount <= 0) {
            throw new IllegalArgumentException(flag + " must be positive, got '" + value + "'");
        }
        return amount;
    }

    /** {@code bytes} as the flags write it, in the largest unit that divides it. */
    static String formatBytes(long bytes) {
        String[] units = {"g", "m", "k"};
        for (int i = 0; i < units.length; i++) {
            long size = 1L << (30 - 10 * i);
            if (bytes % size == 0) {
                return bytes / size + units[i];
            }
        }
        return bytes + " bytes";
    }
}
