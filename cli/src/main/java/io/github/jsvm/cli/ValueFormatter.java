package io.github.jsvm.cli;

import io.github.jsvm.JsFunction;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a converted completion value the way {@code node -p} would for simple data: strings raw at
 * the top level and quoted inside structures, arrays as {@code [ 1, 2 ]}, objects as
 * {@code { a: 1 }}, functions as {@code [Function]}, cycles as {@code [Circular]}.
 */
final class ValueFormatter {
    private ValueFormatter() {}

    static String format(Object value) {
        if (value instanceof String text) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        append(out, value, new IdentityHashMap<>());
        return out.toString();
    }

    private static void append(StringBuilder out, Object value, IdentityHashMap<Object, Boolean> path) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            out.append('\'').append(text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")).append('\'');
        } else if (value instanceof JsFunction) {
            out.append("[Function]");
        } else if (value instanceof List<?> || value instanceof Map<?, ?>) {
            if (path.put(value, Boolean.TRUE) != null) {
                out.append("[Circular]");
                return;
            }
            if (value instanceof List<?> list) {
                appendAll(out, "[", "]", list.size(), i -> append(out, list.get(i), path));
            } else {
                List<? extends Map.Entry<?, ?>> entries = List.copyOf(((Map<?, ?>) value).entrySet());
                appendAll(out, "{", "}", entries.size(), i -> {
                    out.append(entries.get(i).getKey()).append(": ");
                    append(out, entries.get(i).getValue(), path);
                });
            }
            path.remove(value);
        } else if (value instanceof Double number) {
            out.append(number == 0 && 1 / number < 0 ? "-0" : numberText(number));
        } else if (value instanceof java.math.BigInteger big) {
            out.append(big).append('n');
        } else {
            out.append(value);
        }
    }

    /** {@code number} as JavaScript writes it (ECMAScript Number::toString): {@code 1e+21}, {@code 5e-7}, {@code 123456789.5}. */
    private static String numberText(double number) {
        if (Double.isNaN(number)) {
            return "NaN";
        }
        if (Double.isInfinite(number)) {
            return number > 0 ? "Infinity" : "-Infinity";
        }
        if (number == 0) {
            return "0";
        }
        if (number < 0) {
            return "-" + numberText(-number);
        }
        // Double.toString gives the shortest digits that round-trip (JDK 19+), as JavaScript does.
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(number)).stripTrailingZeros();
        String digits = exact.unscaledValue().toString();
        int k = digits.length();
        int n = k - exact.scale(); // number = 0.digits * 10^n
        if (k <= n && n <= 21) {
            return digits + "0".repeat(n - k);
        }
        if (0 < n && n <= 21) {
            return digits.substring(0, n) + "." + digits.substring(n);
        }
        if (-6 < n && n <= 0) {
            return "0." + "0".repeat(-n) + digits;
        }
        String exponent = (n - 1 < 0 ? "e-" : "e+") + Math.abs(n - 1);
        return k == 1 ? digits + exponent : digits.charAt(0) + "." + digits.substring(1) + exponent;
    }

    private static void appendAll(StringBuilder out, String open, String close, int size, java.util.function.IntConsumer item) {
        if (size == 0) {
            out.append(open).append(close);
            return;
        }
        out.append(open).append(' ');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                out.append(", ");
            }
            item.accept(i);
        }
        out.append(' ').append(close);
    }
}
