package io.promregator.core.merge;

import io.promregator.core.exposition.Exemplar;
import io.promregator.core.exposition.Labels;
import io.promregator.core.exposition.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Samples as compact bytes and back, exactly: sample and label names as numbers in a table of names
 * (held once, however many samples use them), label values as UTF-8, values and timestamps as their
 * 64 bits, exemplars in full. Not thread-safe: the caller serializes encoding; decoding starts after the
 * last encoding.
 */
final class SampleCodec {
    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** A growable byte buffer to encode into. */
    static final class Buffer {
        byte[] bytes = new byte[4096];
        int length;

        void clear() {
            length = 0;
        }

        private void ensure(int n) {
            if (length + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + n));
            }
        }

        void writeVarint(long value) {
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[length++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[length++] = (byte) value;
        }

        void writeLong(long value) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                bytes[length++] = (byte) (value >>> (8 * i));
            }
        }

        void writeBytes(byte[] value) {
            writeVarint(value.length);
            ensure(value.length);
            System.arraycopy(value, 0, bytes, length, value.length);
            length += value.length;
        }
    }

    /** Appends the samples to {@code out}: their count, then each. */
    void encode(List<Sample> samples, Buffer out) {
        encode(samples, Labels.EMPTY, out);
    }

    /** The same, each sample with {@code appended} after its own labels (none of which it has). */
    void encode(List<Sample> samples, Labels appended, Buffer out) {
        byte[][] appendedValues = new byte[appended.size()][];
        for (int i = 0; i < appended.size(); i++) {
            appendedValues[i] = appended.value(i).getBytes(StandardCharsets.UTF_8);
        }
        out.writeVarint(samples.size());
        for (Sample sample : samples) {
            out.writeVarint(number(sample.name()));
            Labels own = sample.labels();
            out.writeVarint(own.size() + appended.size());
            writeLabels(own, out);
            for (int i = 0; i < appended.size(); i++) {
                out.writeVarint(number(appended.name(i)));
                out.writeBytes(appendedValues[i]);
            }
            out.writeLong(Double.doubleToRawLongBits(sample.value()));
            out.writeLong(sample.timestampMillis());
            if (sample.exemplar().isPresent()) {
                Exemplar exemplar = sample.exemplar().get();
                out.writeVarint(1);
                encodeLabels(exemplar.labels(), out);
                out.writeLong(Double.doubleToRawLongBits(exemplar.value()));
                out.writeLong(exemplar.timestampMillis());
            } else {
                out.writeVarint(0);
            }
        }
    }

    private void encodeLabels(Labels labels, Buffer out) {
        out.writeVarint(labels.size());
        writeLabels(labels, out);
    }

    private void writeLabels(Labels labels, Buffer out) {
        for (int i = 0; i < labels.size(); i++) {
            out.writeVarint(number(labels.name(i)));
            out.writeBytes(labels.value(i).getBytes(StandardCharsets.UTF_8));
        }
    }

    private int number(String name) {
        Integer number = numbers.get(name);
        if (number == null) {
            number = names.size();
            numbers.put(name, number);
            names.add(name);
        }
        return number;
    }

    /** The samples that {@link #encode} wrote at {@code offset} of {@code bytes}. */
    List<Sample> decode(byte[] bytes, int offset) {
        Reader in = new Reader(bytes, offset);
        int count = (int) in.readVarint();
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = names.get((int) in.readVarint());
            Labels labels = decodeLabels(in);
            double value = Double.longBitsToDouble(in.readLong());
            long timestamp = in.readLong();
            Optional<Exemplar> exemplar = Optional.empty();
            if (in.readVarint() == 1) {
                Labels exemplarLabels = decodeLabels(in);
                double exemplarValue = Double.longBitsToDouble(in.readLong());
                exemplar = Optional.of(new Exemplar(exemplarLabels, exemplarValue, in.readLong()));
            }
            samples.add(new Sample(name, labels, value, timestamp, exemplar));
        }
        return samples;
    }

    private Labels decodeLabels(Reader in) {
        int size = (int) in.readVarint();
        if (size == 0) {
            return Labels.EMPTY;
        }
        String[] labelNames = new String[size];
        String[] values = new String[size];
        for (int i = 0; i < size; i++) {
            labelNames[i] = names.get((int) in.readVarint());
            values[i] = in.readString();
        }
        return Labels.fromArrays(labelNames, values);
    }

    private static final class Reader {
        private final byte[] bytes;
        private int pos;

        Reader(byte[] bytes, int pos) {
            this.bytes = bytes;
            this.pos = pos;
        }

        long readVarint() {
            long value = 0;
            int shift = 0;
            byte b;
            do {
                b = bytes[pos++];
                value |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            return value;
        }

        long readLong() {
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[pos++] & 0xFF);
            }
            return value;
        }

        String readString() {
            int n = (int) readVarint();
            String value = new String(bytes, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return value;
        }
    }
}
