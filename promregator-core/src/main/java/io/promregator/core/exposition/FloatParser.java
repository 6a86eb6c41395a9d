package io.promregator.core.exposition;

import java.nio.charset.StandardCharsets;

/**
 * Reads a float from ASCII bytes. Plain decimals with at most 15 significant digits and a small exponent
 * are computed exactly here (a mantissa below 2^53 times an exact power of ten rounds correctly); all
 * others are checked against the grammar and handed to {@link Double#parseDouble}.
 *
 * <p>Grammar: {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}; with {@link #SPECIAL}
 * also {@code [+-]? (inf | infinity)} and {@code nan}, case-insensitive like Go's ParseFloat. No
 * hexadecimal floats and no underscores: Go's ParseFloat reads {@code 0x1p-3} and {@code 1_000}, but
 * Prometheus refuses any value with {@code p} or {@code _} in it ("keep to pre-Go 1.13 float formats"),
 * in text 0.0.4 as in OpenMetrics, and so do we.
 */
final class FloatParser {
    /** Accept infinities and NaN. */
    static final int SPECIAL = 1;

    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
        1e20, 1e21, 1e22
    };
    private static final long EXACT_LIMIT = 1L << 53;

    private FloatParser() {}

    /**
     * The value of {@code buf[from, to)}.
     *
     * @throws NumberFormatException if the bytes are not a number in the grammar the flags select
     */
    static double parse(byte[] buf, int from, int to, int flags) {
        int i = from;
        boolean negative = false;
        if (i < to && (buf[i] == '-' || buf[i] == '+')) {
            negative = buf[i] == '-';
            i++;
        }
        int mantissaStart = i;
        long mantissa = 0;
        int exponent = 0;
        int digits = 0;
        boolean exact = true;
        while (i < to) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            if (mantissa < 100_000_000_000_000_000L) {
                mantissa = mantissa * 10 + d;
            } else {
                exact = false;
            }
            digits++;
            i++;
        }
        if (i < to && buf[i] == '.') {
            i++;
            while (i < to) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (mantissa < 100_000_000_000_000_000L) {
                    mantissa = mantissa * 10 + d;
                    exponent--;
                } else {
                    exact = false;
                }
                digits++;
                i++;
            }
        }
        if (digits == 0) {
            return special(buf, from, mantissaStart, to, negative, flags);
        }
        if (i < to && (buf[i] | 0x20) == 'e') {
            i++;
            boolean negativeExponent = false;
            if (i < to && (buf[i] == '-' || buf[i] == '+')) {
                negativeExponent = buf[i] == '-';
                i++;
            }
            int exponentStart = i;
            int e = 0;
            while (i < to && buf[i] >= '0' && buf[i] <= '9') {
                if (e < 100_000) {
                    e = e * 10 + (buf[i] - '0');
                }
                i++;
            }
            if (i == exponentStart) {
                throw new NumberFormatException("exponent without digits");
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != to) {
            throw new NumberFormatException("unexpected character");
        }
        if (exact && mantissa < EXACT_LIMIT && exponent >= -22 && exponent <= 22) {
            double value = exponent < 0 ? mantissa / POWERS_OF_TEN[-exponent] : mantissa * POWERS_OF_TEN[exponent];
            return negative ? -value : value;
        }
        return Double.parseDouble(ascii(buf, from, to));
    }

    private static double special(byte[] buf, int from, int wordStart, int to, boolean negative, int flags) {
        if ((flags & SPECIAL) != 0) {
            if (equalsIgnoreCase(buf, wordStart, to, "inf") || equalsIgnoreCase(buf, wordStart, to, "infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (wordStart == from && equalsIgnoreCase(buf, wordStart, to, "nan")) {
                return Double.NaN;
            }
        }
        throw new NumberFormatException("not a number");
    }

    static boolean equalsIgnoreCase(byte[] buf, int from, int to, String lowerCase) {
        if (to - from != lowerCase.length()) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if ((buf[i] | 0x20) != lowerCase.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
