package io.promregator.core.exposition;

/**
 * Numbers in label values ({@code le}, {@code quantile}): the syntax both Prometheus' Go parser and the
 * OpenMetrics ABNF accept. A decimal ({@code 1}, {@code -0.5}, {@code 1.}, {@code .5}, {@code 1e-3},
 * {@code 2.5E+4}), an optionally signed {@code Inf}/{@code Infinity}, or an unsigned {@code NaN}, all
 * case-insensitive. No hexadecimal, no underscores, no surrounding space.
 */
final class FloatSyntax {
    private FloatSyntax() {}

    static boolean isValid(String s) {
        int n = s.length();
        int i = 0;
        if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            i = 1;
        } else if (s.equalsIgnoreCase("nan")) {
            return true;
        }
        if ((n - i == 3 && s.regionMatches(true, i, "inf", 0, 3))
                || (n - i == 8 && s.regionMatches(true, i, "infinity", 0, 8))) {
            return true;
        }
        int mantissaDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            mantissaDigits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                mantissaDigits++;
            }
        }
        if (mantissaDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** The value of a valid number, or NaN when the text is not one (or is NaN). */
    static double parse(String s) {
        if (!isValid(s)) {
            return Double.NaN;
        }
        char last = s.charAt(s.length() - 1);
        if (last == 'f' || last == 'F' || last == 'y' || last == 'Y') { // Inf, Infinity
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (last == 'n' || last == 'N') {
            return Double.NaN;
        }
        return Double.parseDouble(s);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
