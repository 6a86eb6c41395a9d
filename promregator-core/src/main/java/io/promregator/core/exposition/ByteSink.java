package io.promregator.core.exposition;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A byte buffer for writing expositions: ASCII fast paths, UTF-8 for everything else, numbers without
 * intermediate strings where it matters. Drains into an {@link OutputStream} when it has one, otherwise
 * grows. I/O errors surface as {@link UncheckedIOException}. Not thread-safe: one per write.
 */
final class ByteSink {
    private static final int FIRST_SIZE = 8 * 1024;
    private static final int DRAIN_SIZE = 64 * 1024;
    private static final long MAX_PLAIN_INTEGER = 1_000_000_000_000_000L; // 1e15: exact in a double
    private static final byte[] NAN = ascii("NaN");
    private static final byte[] POSITIVE_INFINITY = ascii("+Inf");
    private static final byte[] NEGATIVE_INFINITY = ascii("-Inf");
    private static final byte[] NEGATIVE_ZERO = ascii("-0");

    private final OutputStream out;
    private byte[] buf;
    private int pos;

    /**
     * A sink that drains into {@code out}. Its buffer starts at 8 KiB and grows to 64 KiB before it drains,
     * so that a small exposition (one instance's) does not allocate and clear 64 KiB.
     */
    ByteSink(OutputStream out) {
        this.out = out;
        this.buf = new byte[FIRST_SIZE];
    }

    /** A sink that keeps everything in memory, starting with room for about {@code expectedSize} bytes. */
    ByteSink(int expectedSize) {
        this.out = null;
        this.buf = new byte[Math.max(expectedSize, 256)];
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** Makes room for {@code n} more bytes. */
    private void ensure(int n) {
        if (pos + n > buf.length) {
            makeRoom(n);
        }
    }

    private void makeRoom(int n) {
        if (out != null && pos > 0 && buf.length >= DRAIN_SIZE) {
            drain();
        }
        if (pos + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    private void drain() {
        try {
            out.write(buf, 0, pos);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pos = 0;
    }

    /** Writes what is buffered to the stream and flushes it. */
    void flush() {
        if (out != null) {
            drain();
            try {
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Everything written; only for a sink without stream. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    /** Everything written, decoded; only for a sink without stream. */
    String contentAsString() {
        return new String(buf, 0, pos, StandardCharsets.UTF_8);
    }

    void write(byte b) {
        ensure(1);
        buf[pos++] = b;
    }

    void write(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    /** Writes a name (metric, label, unit, type): ASCII in practice, UTF-8 otherwise, no escaping. */
    void writeName(String s) {
        int n = s.length();
        ensure(3 * n);
        byte[] b = buf;
        int p = pos;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else {
                pos = p;
                writeUtf8Escaped(s, i, false, false);
                return;
            }
        }
        pos = p;
    }

    /** Writes a label value: escapes backslash, double quote and line feed. */
    void writeLabelValue(String s) {
        writeUtf8Escaped(s, 0, true, true);
    }

    /** Writes HELP text: escapes backslash and line feed, and double quote when {@code escapeQuote}. */
    void writeHelp(String s, boolean escapeQuote) {
        writeUtf8Escaped(s, 0, escapeQuote, true);
    }

    private void writeUtf8Escaped(String s, int from, boolean escapeQuote, boolean escape) {
        int n = s.length();
        ensure(3 * (n - from)); // the longest encoding of one char: 3 bytes (a surrogate pair takes 4 for 2)
        byte[] b = buf;
        int p = pos;
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (escape && (c == '\\' || c == '\n' || (c == '"' && escapeQuote))) {
                    b[p++] = '\\';
                    b[p++] = (byte) (c == '\n' ? 'n' : c);
                } else {
                    b[p++] = (byte) c;
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[p++] = (byte) (0xF0 | (cp >> 18));
                b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                b[p++] = '?'; // an unpaired surrogate has no UTF-8 form; String.getBytes does the same
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        pos = p;
    }

    /**
     * Writes a sample value: {@code NaN}, {@code +Inf}, {@code -Inf}; integral values below 1e15 as plain
     * integers ({@code 17}, not {@code 17.0}; {@code -0} keeps its sign); anything else as Java's shortest
     * decimal that reads back to the same double: plain below 1e15 ({@code 0.25}, {@code 1600000000.5}),
     * else with a lower-case exponent ({@code 1.0e-5}, {@code 1.0e15}). Valid in both formats.
     */
    void writeDouble(double v) {
        long asLong = (long) v;
        if (asLong == v && asLong < MAX_PLAIN_INTEGER && asLong > -MAX_PLAIN_INTEGER) {
            if (asLong == 0 && Double.doubleToRawLongBits(v) != 0L) {
                write(NEGATIVE_ZERO);
            } else {
                writeLong(asLong);
            }
        } else if (Double.isNaN(v)) {
            write(NAN);
        } else if (Double.isInfinite(v)) {
            write(v > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY);
        } else {
            writeDecimal(Double.toString(v));
        }
    }

    /**
     * Java writes 1e7 and above in scientific notation; below 1e15 we move the point instead, so that a
     * created timestamp reads {@code 1600000000.5}, not {@code 1.6000000005e9}. Other exponents stay, with
     * a lower-case {@code e}.
     */
    private void writeDecimal(String s) {
        int n = s.length();
        ensure(n + 1);
        int e = s.indexOf('E');
        if (e > 0 && s.charAt(e + 1) != '-' && n - e <= 3) {
            int exponent = Integer.parseInt(s, e + 1, n, 10);
            int start = s.charAt(0) == '-' ? 1 : 0;
            int fractionDigits = e - start - 2; // s is [-]d.dddE<exponent>
            if (exponent < 15 && fractionDigits > exponent) {
                for (int i = 0; i < start + 1; i++) {
                    buf[pos++] = (byte) s.charAt(i);
                }
                for (int i = start + 2; i < e; i++) {
                    if (i == start + 2 + exponent) {
                        buf[pos++] = '.';
                    }
                    buf[pos++] = (byte) s.charAt(i);
                }
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            buf[pos++] = (byte) (c == 'E' ? 'e' : c);
        }
    }

    /** Writes a decimal integer. */
    void writeLong(long v) {
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                writeName(Long.toString(v));
                return;
            }
            write((byte) '-');
            v = -v;
        }
        ensure(19);
        int digits = 1;
        for (long t = v; t >= 10; t /= 10) {
            digits++;
        }
        int p = pos + digits;
        pos = p;
        do {
            buf[--p] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        } while (v != 0);
    }

    /**
     * Writes milliseconds since the epoch as OpenMetrics seconds: {@code 1520879607.789}, {@code 1520879607.78},
     * and no fraction at all for whole seconds.
     */
    void writeSecondsFromMillis(long millis) {
        if (millis < 0) {
            write((byte) '-');
            millis = -millis; // Sample.NO_TIMESTAMP (Long.MIN_VALUE) never gets here
        }
        writeLong(millis / 1000);
        int fraction = (int) (millis % 1000);
        if (fraction != 0) {
            ensure(4);
            buf[pos++] = '.';
            buf[pos++] = (byte) ('0' + fraction / 100);
            if (fraction % 100 != 0) {
                buf[pos++] = (byte) ('0' + fraction / 10 % 10);
                if (fraction % 10 != 0) {
                    buf[pos++] = (byte) ('0' + fraction % 10);
                }
            }
        }
    }
}
