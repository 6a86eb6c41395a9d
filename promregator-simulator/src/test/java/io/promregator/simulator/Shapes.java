package io.promregator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the structure of two JSON documents: the same field names at every level, the same kinds of
 * value where both are present. A null on either side matches anything (CF sends {@code null} for absent
 * relationships and quotas). Arrays compare element by element against the fixture's first element;
 * {@code metadata.labels}/{@code annotations} hold user keys and are not descended into.
 */
final class Shapes {
    private Shapes() {}

    static JsonNode fixture(String name) {
        try (InputStream in = Shapes.class.getResourceAsStream("/fixtures/cf/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return SimHttp.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The differences, one per line as {@code path: problem}; empty when the shapes agree. */
    static List<String> differences(JsonNode fixture, JsonNode actual, Set<String> ignored) {
        List<String> differences = new ArrayList<>();
        compare("$", fixture, actual, ignored, differences);
        return differences;
    }

    private static void compare(String path, JsonNode fixture, JsonNode actual, Set<String> ignored, List<String> out) {
        if (ignored.contains(path) || fixture.isNull() || actual.isNull()) {
            return;
        }
        if (fixture.isObject() && actual.isObject()) {
            Set<String> expected = names(fixture);
            Set<String> found = names(actual);
            for (String name : expected) {
                if (!found.contains(name) && !ignored.contains(path + "." + name)) {
                    out.add(path + "." + name + ": missing");
                }
            }
            for (String name : found) {
                if (!expected.contains(name) && !ignored.contains(path + "." + name)) {
                    out.add(path + "." + name + ": not in the fixture");
                } else if (expected.contains(name) && !path.endsWith(".metadata")) {
                    compare(path + "." + name, fixture.get(name), actual.get(name), ignored, out);
                }
            }
        } else if (fixture.isArray() && actual.isArray()) {
            if (!fixture.isEmpty()) {
                for (JsonNode element : actual) {
                    compare(path + "[]", fixture.get(0), element, ignored, out);
                }
            }
        } else if (fixture.getNodeType() != actual.getNodeType()) {
            out.add(path + ": " + actual.getNodeType() + " where the fixture has " + fixture.getNodeType());
        }
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
