package io.promregator.core.exposition;

import java.nio.charset.StandardCharsets;

/**
 * A position in an exposition body and the plain tokens of both text formats, read straight from the
 * bytes: names (interned), numbers, words and line ends. Knows the line and column of its position for
 * errors. In strict (OpenMetrics) mode a tab does not end a number.
 */
final class ByteCursor {
    private static final int METRIC_START = 1;
    private static final int METRIC_PART = 2;
    private static final int LABEL_START = 4;
    private static final int LABEL_PART = 8;
    private static final byte[] CHAR_CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
            boolean digit = c >= '0' && c <= '9';
            int bits = 0;
            if (letter) {
                bits = METRIC_START | METRIC_PART | LABEL_START | LABEL_PART;
            } else if (digit) {
                bits = METRIC_PART | LABEL_PART;
            } else if (c == ':') {
                bits = METRIC_START | METRIC_PART;
            }
            CHAR_CLASS[c] = (byte) bits;
        }
    }

    final byte[] buf;
    final int end;
    final boolean strict;
    final NameTable names = new NameTable();
    int pos;
    /** 1-based number of the line {@link #pos} is on. */
    int line = 1;

    int lineStart;

    ByteCursor(byte[] buf, boolean strict) {
        this.buf = buf;
        this.end = buf.length;
        this.strict = strict;
    }

    // ---- position, errors and line ends

    /** The byte at the position (0 to 255), or -1 at the end of the input. */
    int peek() {
        return pos < end ? buf[pos] & 0xff : -1;
    }

    boolean lookingAt(String ascii) {
        if (end - pos < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf[pos + i] != ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    ExpositionParseException error(String message) {
        return errorAt(pos, message);
    }

    ExpositionParseException errorAt(int at, String message) {
        int column = 1;
        for (int i = lineStart; i < Math.min(at, end); i++) {
            if ((buf[i] & 0xc0) != 0x80) {
                column++;
            }
        }
        return new ExpositionParseException(line, column, message);
    }

    /** What is at the position, for error messages: {@code 'x'}, {@code end of line}, {@code byte 0x1f}. */
    String found() {
        int b = peek();
        if (b < 0) {
            return "end of input";
        } else if (b == '\n' || (b == '\r' && atLineEnd())) {
            return "end of line";
        } else if (b > ' ' && b < 0x7f) {
            return "'" + (char) b + "'";
        } else if (b == ' ') {
            return "a space";
        } else if (b == '\t') {
            return "a tab";
        }
        return String.format("byte 0x%02x", b);
    }

    void expect(char c, String what) throws ExpositionParseException {
        if (peek() != c) {
            throw error("expected '" + c + "' " + what + ", found " + found());
        }
        pos++;
    }

    /** Skips spaces and tabs, returning how many. */
    int skipBlanks() {
        int start = pos;
        int p = start;
        while (p < end && (buf[p] == ' ' || buf[p] == '\t')) {
            p++;
        }
        pos = p;
        return p - start;
    }

    /** At {@code \n}, {@code \r\n}, a final {@code \r} or the end of the input. */
    boolean atLineEnd() {
        if (pos >= end || buf[pos] == '\n') {
            return true;
        }
        return buf[pos] == '\r' && (pos + 1 == end || buf[pos + 1] == '\n');
    }

    /** Consumes the line end the position must be at and moves to the next line. */
    void endLine() throws ExpositionParseException {
        if (!atLineEnd()) {
            throw error("expected end of line, found " + found());
        }
        if (pos < end && buf[pos] == '\r') {
            pos++;
        }
        if (pos < end) {
            pos++;
            line++;
            lineStart = pos;
        }
    }

    /** Skips to the start of the next line. */
    void skipLine() {
        while (pos < end && buf[pos] != '\n') {
            pos++;
        }
        if (pos < end) {
            pos++;
            line++;
            lineStart = pos;
        }
    }

    // ---- names

    Name metricName() throws ExpositionParseException {
        return name(METRIC_START, METRIC_PART, "a metric name");
    }

    Name labelName() throws ExpositionParseException {
        return name(LABEL_START, LABEL_PART, "a label name");
    }

    private Name name(int startClass, int partClass, String what) throws ExpositionParseException {
        byte[] b = buf;
        int start = pos;
        if (start >= end || (CHAR_CLASS[b[start] & 0xff] & startClass) == 0) {
            throw error("expected " + what + ", found " + found());
        }
        int p = start;
        int hash = 0;
        while (p < end) {
            int c = b[p] & 0xff;
            if ((CHAR_CLASS[c] & partClass) == 0) {
                break;
            }
            hash = 31 * hash + c;
            p++;
        }
        pos = p;
        return names.intern(b, start, p - start, hash);
    }

    /** Metric name characters, possibly none (an OpenMetrics UNIT). */
    String nameCharacters() {
        int start = pos;
        while (pos < end && (CHAR_CLASS[buf[pos] & 0xff] & METRIC_PART) != 0) {
            pos++;
        }
        return latin1(start, pos);
    }

    /** A word of letters, for a TYPE line. */
    String word() {
        int start = pos;
        while (pos < end && ((buf[pos] | 0x20) >= 'a' && (buf[pos] | 0x20) <= 'z')) {
            pos++;
        }
        return latin1(start, pos);
    }

    // ---- numbers

    /** The end of the token at the position: the next blank or line end. */
    int tokenEnd() {
        int i = pos;
        while (i < end) {
            byte b = buf[i];
            if (b == ' ' || b == '\n' || b == '\r' || (b == '\t' && !strict)) {
                break;
            }
            i++;
        }
        return i;
    }

    /** A float token; {@code flags} as for {@link FloatParser#parse}. */
    double number(int flags, String what) throws ExpositionParseException {
        int to = tokenEnd();
        if (to == pos) {
            throw error("expected " + what + ", found " + found());
        }
        try {
            double value = FloatParser.parse(buf, pos, to, flags);
            pos = to;
            return value;
        } catch (NumberFormatException e) {
            throw error("invalid " + what + " " + snippet(pos, to));
        }
    }

    /** A decimal integer token with optional sign (0.0.4 timestamps, in milliseconds). */
    long integer(String what) throws ExpositionParseException {
        int to = tokenEnd();
        int i = pos;
        boolean negative = i < to && buf[i] == '-';
        if (i < to && (buf[i] == '-' || buf[i] == '+')) {
            i++;
        }
        long value = 0;
        boolean valid = i < to;
        boolean fits = true;
        for (; i < to && valid; i++) {
            int d = buf[i] - '0';
            valid = d >= 0 && d <= 9;
            fits &= value <= (Long.MAX_VALUE - d) / 10;
            value = fits ? value * 10 + d : value;
        }
        if (!valid) {
            throw error("invalid " + what + " " + snippet(pos, to));
        } else if (!fits) {
            throw error(what + " " + snippet(pos, to) + " is out of range; it must fit in 64 bits");
        }
        pos = to;
        return negative ? -value : value;
    }

    /** Bytes quoted for an error message: at most 40, printable ASCII as is, others as '?'. */
    String snippet(int from, int to) {
        StringBuilder sb = new StringBuilder("'");
        for (int i = from; i < Math.min(to, from + 40); i++) {
            sb.append(buf[i] >= ' ' && buf[i] < 0x7f ? (char) buf[i] : '?');
        }
        return sb.append(to - from > 40 ? "...'" : "'").toString();
    }

    String latin1(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
