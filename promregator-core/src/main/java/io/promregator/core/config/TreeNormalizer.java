package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.promregator.core.config.ConfigSchema.ListNode;
import io.promregator.core.config.ConfigSchema.MapNode;
import io.promregator.core.config.ConfigSchema.Node;
import io.promregator.core.config.ConfigSchema.RecordNode;
import io.promregator.core.config.ConfigSchema.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns YAML as users write it into the canonical tree Jackson binds: keys matched as Spring does
 * (ignoring case, '-' and '_'), dotted keys ({@code promregator.scraping.threads: 10}) and indexed keys
 * ({@code promregator.targets[0].orgName}) expanded, placeholders resolved, and values converted to their
 * key's type. Unknown keys and unconvertible values become problems; normalizing goes on after them, so
 * one run reports them all.
 */
final class TreeNormalizer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern INDEXED = Pattern.compile("(.*)\\[(\\d{1,4})]");

    private final Problems problems;
    private final Placeholders placeholders;
    private final String rootName;
    private final List<Padding> paddings = new ArrayList<>();
    private final Set<String> removedKeys = new LinkedHashSet<>();

    private record Padding(String path, ArrayNode array, int index) {}

    TreeNormalizer(Problems problems, Placeholders placeholders, String rootName) {
        this.problems = problems;
        this.placeholders = placeholders;
        this.rootName = rootName;
    }

    /** The keys met that the original no longer reads, each with why ({@link RemovedKeys}), in order met. */
    List<String> removedKeys() {
        return List.copyOf(removedKeys);
    }

    /** The canonical tree of all documents, later documents overriding earlier ones key by key. */
    ObjectNode normalize(List<JsonNode> documents) {
        ObjectNode out = NODES.objectNode();
        for (JsonNode document : documents) {
            mergeRecord(ConfigSchema.ROOT, document, "", out);
        }
        for (Padding padding : paddings) {
            if (padding.array().get(padding.index()).isNull()) {
                problems.add(padding.path(), "must be set, as list indexes count up from 0 without gaps", null);
            }
        }
        return out;
    }

    private void mergeRecord(RecordNode schema, JsonNode raw, String path, ObjectNode out) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            return;
        }
        if (!raw.isObject()) {
            problems.add(path.isEmpty() ? rootName : path, "must be a mapping of keys", raw);
            return;
        }
        raw.properties().forEach(field -> insert(schema, out, path, field.getKey(), field.getValue()));
    }

    private void insert(RecordNode schema, ObjectNode out, String path, String key, JsonNode value) {
        int dot = key.indexOf('.');
        String head = dot < 0 ? key : key.substring(0, dot);
        String rest = dot < 0 ? null : key.substring(dot + 1);
        Matcher indexed = INDEXED.matcher(head);
        String written = indexed.matches() ? indexed.group(1) : head;
        String name = written.isEmpty() ? null : schema.resolve(written);
        if (name == null) {
            List<String> leaves = RemovedKeys.leaves(join(path, key), value);
            if (RemovedKeys.allRemoved(leaves)) {
                leaves.forEach(leaf ->
                        removedKeys.add(RemovedKeys.find(leaf).orElseThrow().describe()));
            } else {
                problems.addLine(KeySuggester.unknownKey(join(path, head), written, schema));
            }
            return;
        }
        Node child = schema.children().get(name);
        String childPath = join(path, name);
        if (indexed.matches()) {
            insertIndexed(child, out, childPath, name, Integer.parseInt(indexed.group(2)), rest, value);
        } else if (rest == null) {
            JsonNode normalized = value(child, value, childPath, out.get(name));
            if (normalized != null) {
                out.set(name, normalized);
            }
        } else if (child instanceof RecordNode record) {
            insert(record, out.withObjectProperty(name), childPath, rest, value);
        } else if (child instanceof MapNode) {
            putEntry(out.withObjectProperty(name), childPath, rest, value);
        } else {
            problems.addLine(join(childPath, rest) + ": unknown key. \"" + childPath + "\" has no keys below it");
        }
    }

    private void insertIndexed(
            Node child, ObjectNode out, String childPath, String name, int index, String rest, JsonNode value) {
        String elementPath = childPath + "[" + index + "]";
        if (!(child instanceof ListNode list)) {
            problems.addLine(elementPath + ": unknown key. \"" + childPath + "\" is not a list");
            return;
        }
        ArrayNode array = out.get(name) instanceof ArrayNode existing ? existing : out.putArray(name);
        while (array.size() <= index) {
            paddings.add(new Padding(childPath + "[" + array.size() + "]", array, array.size()));
            array.add(NullNode.instance);
        }
        JsonNode existing = array.get(index);
        if (rest == null) {
            JsonNode normalized = element(list.element(), value, elementPath, existing);
            array.set(index, normalized == null ? existing : normalized);
        } else if (list.element() instanceof RecordNode record) {
            ObjectNode element = existing instanceof ObjectNode object ? object : NODES.objectNode();
            array.set(index, element);
            insert(record, element, elementPath, rest, value);
        } else {
            problems.addLine(join(elementPath, rest) + ": unknown key. \"" + elementPath + "\" has no keys below it");
        }
    }

    /** The canonical form of a whole value, or null when absent or wrong (then a problem is recorded). */
    private JsonNode value(Node schema, JsonNode raw, String path, JsonNode existing) {
        if (raw.isNull()) {
            return null;
        }
        if (schema instanceof RecordNode record) {
            ObjectNode target = existing instanceof ObjectNode object ? object : NODES.objectNode();
            mergeRecord(record, raw, path, target);
            return target;
        }
        if (schema instanceof MapNode) {
            if (!raw.isObject()) {
                problems.add(path, "must be a mapping of keys", raw);
                return null;
            }
            ObjectNode target = existing instanceof ObjectNode object ? object : NODES.objectNode();
            raw.properties().forEach(field -> putEntry(target, path, field.getKey(), field.getValue()));
            return target;
        }
        if (schema instanceof ListNode list) {
            return list(list, raw, path);
        }
        return scalar(((ScalarNode) schema).type(), raw, path);
    }

    /** A list element: an empty entry in a list of records stands for a record of defaults. */
    private JsonNode element(Node schema, JsonNode raw, String path, JsonNode existing) {
        if (raw.isNull() && schema instanceof RecordNode) {
            return existing instanceof ObjectNode ? existing : NODES.objectNode();
        }
        return raw.isNull() ? scalar(((ScalarNode) schema).type(), raw, path) : value(schema, raw, path, existing);
    }

    private JsonNode list(ListNode list, JsonNode raw, String path) {
        ArrayNode out = NODES.arrayNode();
        if (raw.isArray()) {
            for (int i = 0; i < raw.size(); i++) {
                JsonNode element = element(list.element(), raw.get(i), path + "[" + i + "]", null);
                out.add(element == null ? NullNode.instance : element);
            }
            return out;
        }
        if (list.element() instanceof ScalarNode scalar && !raw.isContainerNode()) {
            // As Spring: a single value is a comma-separated list.
            JsonNode resolved = resolvePlaceholders(raw, path);
            if (resolved == null) {
                return null;
            }
            for (String part : resolved.asText().split(",")) {
                if (!part.isBlank()) {
                    JsonNode element =
                            scalar(scalar.type(), TextNode.valueOf(part.trim()), path + "[" + out.size() + "]");
                    out.add(element == null ? NullNode.instance : element);
                }
            }
            return out;
        }
        problems.add(path, "must be a list", raw);
        return null;
    }

    private JsonNode scalar(Class<?> type, JsonNode raw, String path) {
        JsonNode resolved = resolvePlaceholders(raw, path);
        if (resolved == null) {
            return null;
        }
        JsonNode value = Scalars.coerce(type, resolved);
        if (value == null) {
            problems.add(path, ConfigSchema.expectation(path, type), resolved);
        }
        return value;
    }

    /** Map entries: nested keys are joined with dots, as in {@code logging.level.org.cloudfoundry: WARN}. */
    private void putEntry(ObjectNode map, String mapPath, String key, JsonNode value) {
        if (value.isObject()) {
            value.properties().forEach(field -> putEntry(map, mapPath, key + "." + field.getKey(), field.getValue()));
        } else if (value.isArray()) {
            problems.add(mapPath + "." + key, "must be a single value", value);
        } else if (!value.isNull()) {
            JsonNode resolved = resolvePlaceholders(value, mapPath + "." + key);
            if (resolved != null) {
                map.put(key, resolved.asText());
            }
        }
    }

    private JsonNode resolvePlaceholders(JsonNode raw, String path) {
        if (!raw.isTextual()) {
            return raw;
        }
        try {
            return TextNode.valueOf(placeholders.resolve(raw.textValue()));
        } catch (Placeholders.UnresolvedException e) {
            String name = e.name();
            problems.add(
                    path,
                    "must name a set environment variable in ${" + name + "}, or give a default as in ${" + name
                            + ":default}",
                    raw);
            return null;
        }
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
