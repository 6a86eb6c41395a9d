package io.promregator.core.exposition;

import java.util.Map;
import java.util.Objects;

/**
 * An immutable, ordered list of label name/value pairs.
 *
 * <p>Order is kept as written (it is part of how an exposition reads), but equality is by the set of
 * pairs: {@code {a="1",b="2"}} equals {@code {b="2",a="1"}}, as for Prometheus. Names are unique.
 */
public final class Labels {
    public static final Labels EMPTY = new Labels(new String[0], new String[0]);

    private final String[] names;
    private final String[] values;
    private int hash;

    private Labels(String[] names, String[] values) {
        this.names = names;
        this.values = values;
    }

    /** Labels from alternating names and values: {@code Labels.of("job", "x", "le", "1")}. */
    public static Labels of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("labels need an even number of names and values");
        }
        int n = namesAndValues.length / 2;
        String[] names = new String[n];
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = Objects.requireNonNull(namesAndValues[2 * i], "label name");
            values[i] = Objects.requireNonNull(namesAndValues[2 * i + 1], "label value");
        }
        return fromArrays(names, values);
    }

    /** Labels from a map, in the map's iteration order. */
    public static Labels of(Map<String, String> labels) {
        String[] names = new String[labels.size()];
        String[] values = new String[labels.size()];
        int i = 0;
        for (Map.Entry<String, String> e : labels.entrySet()) {
            names[i] = Objects.requireNonNull(e.getKey(), "label name");
            values[i] = Objects.requireNonNull(e.getValue(), "label value");
            i++;
        }
        return fromArrays(names, values);
    }

    /**
     * Takes ownership of the two arrays, which the caller must not change afterwards. For parsers and
     * enrichers that build many label sets; everyone else uses {@link #of}.
     *
     * @throws IllegalArgumentException if a name repeats or the arrays differ in length
     */
    public static Labels fromArrays(String[] names, String[] values) {
        if (names.length != values.length) {
            throw new IllegalArgumentException("label names and values differ in number");
        }
        if (names.length == 0) {
            return EMPTY;
        }
        for (int i = 1; i < names.length; i++) {
            for (int j = 0; j < i; j++) {
                if (names[i].equals(names[j])) {
                    throw new IllegalArgumentException("duplicate label name: " + names[i]);
                }
            }
        }
        return new Labels(names, values);
    }

    public int size() {
        return names.length;
    }

    public boolean isEmpty() {
        return names.length == 0;
    }

    public String name(int index) {
        return names[index];
    }

    public String value(int index) {
        return values[index];
    }

    /** The index of a label name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Whether {@code other} has the very same name strings in the same order: a cheap test, by identity, that
     * lets a check of label names made for one sample stand for the next. The parser interns the names of
     * one exposition, so consecutive samples of a family usually pass it; false says nothing.
     */
    public boolean hasSameNameStrings(Labels other) {
        if (other == null || other.names.length != names.length) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i] != other.names[i]) {
                return false;
            }
        }
        return true;
    }

    /** The value of a label, or null when absent. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Labels other) || other.names.length != names.length || other.hashCode() != hashCode()) {
            return false;
        }
        for (int i = 0; i < names.length; i++) {
            int j = other.indexOf(names[i]);
            if (j < 0 || !other.values[j].equals(values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            for (int i = 0; i < names.length; i++) {
                h += names[i].hashCode() * 31 ^ values[i].hashCode(); // order-independent sum
            }
            hash = h == 0 ? 1 : h;
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(names[i]).append("=\"").append(values[i]).append('"');
        }
        return sb.append('}').toString();
    }
}
