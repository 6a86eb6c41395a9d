package io.promregator.core.exposition;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Breaks expositions the way hostile or buggy targets do, for fuzzing: flipped bytes, truncation, repeated
 * or dropped lines, NUL, CR and invalid UTF-8 (inside label values too), extreme and malformed numbers,
 * stray escapes, TYPE lines swapped or changed, repeated series, histograms missing buckets or their
 * count, text after {@code # EOF}. Deterministic for a given {@link Random}.
 */
final class ExpositionMutator {
    private static final byte[][] HOSTILE_BYTES = {
        {0},
        {'\r'},
        {'\n'},
        {(byte) 0xC3, 0x28},
        {(byte) 0xFF},
        {(byte) 0x80},
        {(byte) 0xC0, (byte) 0xAF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82},
        ascii("\\"),
        ascii("\\\""),
        ascii("\\n"),
        ascii("\\x"),
        ascii("\""),
        ascii("\t"),
        ascii("{"),
        ascii("}"),
        ascii(","),
        ascii("="),
        ascii("#"),
        ascii(" ")
    };
    private static final String[] NUMBERS = {
        "1e400",
        "-1e400",
        "99999999999999999999999",
        "NaN",
        "nan",
        "+Inf",
        "-Inf",
        "Inf",
        "inf",
        "0x1p1024",
        "1_000",
        "",
        "1e-400",
        "9223372036854775807",
        "-9223372036854775808",
        "18446744073709551616",
        "+0",
        "-0",
        ".5",
        "5.",
        "1e",
        "0x",
        "0x1p-1074",
        "1" + "0".repeat(400),
        "0." + "0".repeat(400) + "1",
        "-",
        "++1",
        "Infinity",
        "-infinity",
        "NaN1",
        "1e+",
        "0X1P3"
    };
    private static final String[] TYPES = {
        "counter",
        "gauge",
        "histogram",
        "gaugehistogram",
        "summary",
        "info",
        "stateset",
        "unknown",
        "untyped",
        "Counter",
        "",
        "bogus"
    };

    private final Random random;

    ExpositionMutator(Random random) {
        this.random = random;
    }

    /** The body with one to three mutations. */
    byte[] mutate(byte[] body) {
        byte[] result = body;
        for (int m = 1 + random.nextInt(3); m > 0; m--) {
            result = mutateOnce(result);
        }
        return result;
    }

    private byte[] mutateOnce(byte[] body) {
        List<byte[]> lines = lines(body);
        switch (random.nextInt(14)) {
            case 0 -> {
                return flipByte(body);
            }
            case 1 -> {
                return body.length == 0 ? body : Arrays.copyOf(body, random.nextInt(body.length));
            }
            case 2 -> insertHostileBytes(lines);
            case 3 -> replaceNumber(lines);
            case 4 -> changeType(lines);
            case 5 -> repeatSeries(lines);
            case 6 -> dropLineContaining(lines, random.nextBoolean() ? "_bucket" : "_count");
            case 7 -> dropLineContaining(lines, "le=\"+Inf\"");
            case 8 -> dropLineContaining(lines, "");
            case 9 -> duplicateLine(lines);
            case 10 -> swapLines(lines);
            case 11 -> afterEof(lines);
            case 12 -> {
                return random.nextBoolean() ? replaceAll(body, "\n", "\r\n") : replaceAll(body, "\n", "\r");
            }
            default -> longLine(lines);
        }
        return join(lines);
    }

    private byte[] flipByte(byte[] body) {
        if (body.length == 0) {
            return body;
        }
        byte[] copy = body.clone();
        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        return copy;
    }

    /** Hostile bytes anywhere, or right inside a quoted value, where they matter most. */
    private void insertHostileBytes(List<byte[]> lines) {
        if (lines.isEmpty()) {
            return;
        }
        int index = random.nextInt(lines.size());
        byte[] line = lines.get(index);
        int at = random.nextInt(line.length + 1);
        int quote = indexOf(line, (byte) '"', random.nextInt(line.length + 1));
        if (quote >= 0 && random.nextBoolean()) {
            at = quote + 1;
        }
        byte[] insert = HOSTILE_BYTES[random.nextInt(HOSTILE_BYTES.length)];
        lines.set(index, concat(Arrays.copyOf(line, at), insert, Arrays.copyOfRange(line, at, line.length)));
    }

    /** A sample's value or timestamp (its last token) becomes an extreme or malformed number. */
    private void replaceNumber(List<byte[]> lines) {
        int index = randomSampleLine(lines);
        if (index < 0) {
            return;
        }
        String line = latin1(lines.get(index));
        int space = line.lastIndexOf(' ');
        if (space >= 0) {
            lines.set(index, bytes(line.substring(0, space + 1) + NUMBERS[random.nextInt(NUMBERS.length)]));
        }
    }

    private void changeType(List<byte[]> lines) {
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (latin1(lines.get(i)).startsWith("# TYPE ")) {
                types.add(i);
            }
        }
        if (types.isEmpty()) {
            return;
        }
        int a = types.get(random.nextInt(types.size()));
        int b = types.get(random.nextInt(types.size()));
        String lineA = latin1(lines.get(a));
        String lineB = latin1(lines.get(b));
        if (a != b && random.nextBoolean()) { // swap the types of two families
            lines.set(a, bytes(withType(lineA, typeOf(lineB))));
            lines.set(b, bytes(withType(lineB, typeOf(lineA))));
        } else {
            lines.set(a, bytes(withType(lineA, TYPES[random.nextInt(TYPES.length)])));
        }
    }

    private static String typeOf(String typeLine) {
        return typeLine.substring(typeLine.lastIndexOf(' ') + 1).strip();
    }

    private static String withType(String typeLine, String type) {
        return typeLine.substring(0, typeLine.lastIndexOf(' ') + 1) + type;
    }

    /** A sample line again, elsewhere or right after itself, with the same or another value. */
    private void repeatSeries(List<byte[]> lines) {
        int index = randomSampleLine(lines);
        if (index < 0) {
            return;
        }
        String line = latin1(lines.get(index));
        if (random.nextBoolean() && line.lastIndexOf(' ') > 0) {
            line = line.substring(0, line.lastIndexOf(' ') + 1) + random.nextInt(100);
        }
        lines.add(random.nextBoolean() ? index + 1 : random.nextInt(lines.size() + 1), bytes(line));
    }

    private void dropLineContaining(List<byte[]> lines, String text) {
        List<Integer> matching = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (latin1(lines.get(i)).contains(text)) {
                matching.add(i);
            }
        }
        if (!matching.isEmpty()) {
            lines.remove((int) matching.get(random.nextInt(matching.size())));
        }
    }

    private void duplicateLine(List<byte[]> lines) {
        if (!lines.isEmpty()) {
            lines.add(random.nextInt(lines.size() + 1), lines.get(random.nextInt(lines.size())));
        }
    }

    private void swapLines(List<byte[]> lines) {
        if (lines.size() > 1) {
            Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
        }
    }

    private void afterEof(List<byte[]> lines) {
        switch (random.nextInt(3)) {
            case 0 -> lines.removeIf(line -> latin1(line).startsWith("# EOF"));
            case 1 -> lines.add(bytes("# EOF"));
            default -> lines.add(bytes("up 1"));
        }
    }

    /** A line of 1 to 30 KB: a long value or a long name. */
    private void longLine(List<byte[]> lines) {
        int index = randomSampleLine(lines);
        if (index < 0) {
            return;
        }
        String line = latin1(lines.get(index));
        int quote = line.indexOf('"');
        String padding = "x".repeat(1000 + random.nextInt(30_000));
        String longer =
                quote >= 0 ? line.substring(0, quote + 1) + padding + line.substring(quote + 1) : padding + line;
        lines.set(index, bytes(longer));
    }

    /** A random line that is not a comment; -1 when there is none. */
    private int randomSampleLine(List<byte[]> lines) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            if (line.length > 0 && line[0] != '#') {
                candidates.add(i);
            }
        }
        return candidates.isEmpty() ? -1 : candidates.get(random.nextInt(candidates.size()));
    }

    /** The lines without their {@code \n}; a final line end makes an empty last line. */
    static List<byte[]> lines(byte[] body) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '\n') {
                lines.add(Arrays.copyOfRange(body, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    static byte[] join(List<byte[]> lines) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.write('\n');
            }
            out.writeBytes(lines.get(i));
        }
        return out.toByteArray();
    }

    private static byte[] replaceAll(byte[] body, String from, String to) {
        return bytes(latin1(body).replace(from, to));
    }

    private static int indexOf(byte[] line, byte b, int from) {
        for (int i = from; i < line.length; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Bytes as chars one to one, so that invalid UTF-8 survives string edits. */
    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
