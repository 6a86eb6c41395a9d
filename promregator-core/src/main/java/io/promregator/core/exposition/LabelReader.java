package io.promregator.core.exposition;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads label sets and HELP texts at a {@link ByteCursor}: quoted values, escapes, UTF-8.
 *
 * <p>In strict (OpenMetrics) mode a label set allows no blanks and no trailing comma; in lenient (0.0.4)
 * mode blanks may surround every token and a trailing comma is allowed. Duplicate names and names
 * starting with {@code __} (reserved by Prometheus, which refuses a second {@code __name__} and with it the
 * whole scrape) are an error in both. Values without escapes or non-ASCII bytes become strings by a plain copy.
 */
final class LabelReader {
    private final ByteCursor cursor;
    private final byte[] buf;
    private final boolean strict;
    private String[] labelNames = new String[16];
    private String[] labelValues = new String[16];
    private byte[] scratch = new byte[128];
    private CharsetDecoder utf8;

    LabelReader(ByteCursor cursor) {
        this.cursor = cursor;
        this.buf = cursor.buf;
        this.strict = cursor.strict;
    }

    /** A label set, the cursor at its {@code '{'}. */
    Labels labels() throws ExpositionParseException {
        cursor.pos++;
        int count = 0;
        while (true) {
            if (!strict) {
                cursor.skipBlanks();
            }
            if (cursor.peek() == '}' && (count == 0 || !strict)) {
                cursor.pos++;
                break;
            }
            count = label(count);
            if (!strict) {
                cursor.skipBlanks();
            }
            int c = cursor.peek();
            if (c != ',' && c != '}') {
                throw cursor.error("expected ',' or '}' after a label, found " + cursor.found());
            }
            cursor.pos++;
            if (c == '}') {
                break;
            }
        }
        if (count == 0) {
            return Labels.EMPTY;
        }
        return Labels.fromArrays(Arrays.copyOf(labelNames, count), Arrays.copyOf(labelValues, count));
    }

    private int label(int count) throws ExpositionParseException {
        int nameStart = cursor.pos;
        String name = cursor.labelName().string;
        if (name.startsWith("__")) {
            throw cursor.errorAt(
                    nameStart, "reserved label name " + name + "; names starting with __ are Prometheus' own");
        }
        for (int i = 0; i < count; i++) {
            if (labelNames[i] == name) { // interned: identity is equality
                throw cursor.errorAt(nameStart, "duplicate label name " + name);
            }
        }
        if (!strict) {
            cursor.skipBlanks();
        }
        cursor.expect('=', "after label name " + name);
        if (!strict) {
            cursor.skipBlanks();
        }
        String value = labelValue();
        if (count == labelNames.length) {
            labelNames = Arrays.copyOf(labelNames, count * 2);
            labelValues = Arrays.copyOf(labelValues, count * 2);
        }
        labelNames[count] = name;
        labelValues[count] = value;
        return count + 1;
    }

    /** A quoted label value, unescaped; the cursor at its opening quote. */
    String labelValue() throws ExpositionParseException {
        if (cursor.peek() != '"') {
            throw cursor.error("expected '\"' to open a label value, found " + cursor.found());
        }
        int start = cursor.pos + 1;
        int end = cursor.end;
        boolean ascii = true;
        for (int p = start; p < end; p++) {
            byte b = buf[p];
            if (b == '"') {
                cursor.pos = p + 1;
                return ascii ? cursor.latin1(start, p) : utf8(buf, start, p, start);
            } else if (b == '\\') {
                return escapedLabelValue(start);
            } else if (b == '\n') {
                break;
            } else if (b < 0) {
                ascii = false;
            }
        }
        throw cursor.errorAt(start - 1, "label value has no closing quote");
    }

    private String escapedLabelValue(int start) throws ExpositionParseException {
        int end = cursor.end;
        int length = 0;
        for (int p = start; p < end; p++) {
            byte b = buf[p];
            if (b == '"') {
                cursor.pos = p + 1;
                return utf8(scratch, 0, length, start);
            } else if (b == '\n') {
                break;
            }
            if (length + 2 > scratch.length) {
                scratch = Arrays.copyOf(scratch, scratch.length * 2);
            }
            if (b == '\\' && p + 1 < end) {
                byte escaped = buf[++p];
                if (escaped == '\n') {
                    break;
                } else if (escaped == 'n') {
                    b = '\n';
                } else if (escaped == '"' || escaped == '\\') {
                    b = escaped;
                } else {
                    scratch[length++] = '\\'; // unknown escapes stay as written, as Prometheus keeps them
                    b = escaped;
                }
            }
            scratch[length++] = b;
        }
        throw cursor.errorAt(start - 1, "label value has no closing quote");
    }

    /**
     * The rest of the line as a HELP text, unescaped: {@code \\} and {@code \n}, with {@code quotes} also
     * {@code \"} (OpenMetrics); other backslashes stay as written. Leaves the cursor at the line end.
     */
    String helpText(boolean quotes) throws ExpositionParseException {
        int start = cursor.pos;
        boolean plain = true;
        int end = start;
        for (int limit = cursor.end; end < limit && buf[end] != '\n'; end++) {
            byte b = buf[end];
            plain &= b >= 0 && b != '\\';
        }
        if (end > start && buf[end - 1] == '\r') {
            end--; // CRLF
        }
        cursor.pos = end;
        if (plain) {
            return cursor.latin1(start, end);
        }
        if (scratch.length < end - start) {
            scratch = Arrays.copyOf(scratch, end - start);
        }
        int length = 0;
        for (int p = start; p < end; p++) {
            byte b = buf[p];
            if (b == '\\' && p + 1 < end) {
                byte escaped = buf[p + 1];
                if (escaped == 'n' || escaped == '\\' || (quotes && escaped == '"')) {
                    b = escaped == 'n' ? (byte) '\n' : escaped;
                    p++;
                }
            }
            scratch[length++] = b;
        }
        return utf8(scratch, 0, length, start);
    }

    private String utf8(byte[] bytes, int from, int to, int errorAt) throws ExpositionParseException {
        if (utf8 == null) {
            utf8 = StandardCharsets.UTF_8.newDecoder();
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            throw cursor.errorAt(errorAt, "invalid UTF-8");
        }
    }
}
