package io.promregator.core.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key tree of the configuration, read once from the record components of {@link PromregatorConfig}:
 * a key's name is its {@code @JsonProperty} name, else the component's name; its type is the component's;
 * its default is the record's {@code defaults()}; what it accepts and whether it acts is its {@link Key}.
 * The records are therefore the one place that declares each key.
 */
final class ConfigSchema {
    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    static final RecordNode ROOT = recordNode(PromregatorConfig.class, true, Set.of(), null);

    private static final Map<Class<?>, JsonNode> DEFAULT_TREES = new ConcurrentHashMap<>();

    private ConfigSchema() {}

    /** A node of the key tree. */
    sealed interface Node permits RecordNode, ListNode, MapNode, ScalarNode {
        /** Whether this version acts on the key (for a section: on the keys below it, unless they say not). */
        boolean implemented();
    }

    /** Keys with fixed names, bound to a record. */
    record RecordNode(
            Class<?> type, Map<String, Node> children, Map<String, String> namesByUniformName, boolean implemented)
            implements Node {

        /** The canonical name of a key as written, matched as Spring does: ignoring case, '-' and '_'. */
        String resolve(String written) {
            return namesByUniformName.get(uniform(written));
        }

        /** The defaults of this record as a tree; empty when the record has no {@code defaults()}. */
        JsonNode defaultTree() {
            JsonNode tree = DEFAULT_TREES.get(type);
            if (tree == null) {
                tree = computeDefaultTree(type);
                DEFAULT_TREES.put(type, tree);
            }
            return tree;
        }
    }

    /** A list of values or of records. */
    record ListNode(Node element, boolean implemented) implements Node {}

    /** Free keys mapped to strings (labels, headers, logger levels); nested keys are joined with dots. */
    record MapNode(Check keys, Check values, boolean implemented) implements Node {}

    /** One value: String, int, long, double, boolean, URI or an enum. */
    record ScalarNode(Class<?> type, Check check, boolean implemented) implements Node {}

    /**
     * The node of a path as the loader writes it ({@code promregator.targets[2].orgRegex}); for a path into
     * a map ({@code logging.level.org.cloudfoundry}), the map. Null for a path that is no key.
     */
    static Node at(String path) {
        Node node = ROOT;
        int i = 0;
        while (i < path.length() && !(node instanceof MapNode)) {
            if (path.charAt(i) == '[') {
                if (!(node instanceof ListNode list)) {
                    return null;
                }
                node = list.element();
                i = path.indexOf(']', i) + 1;
            } else {
                int end = i;
                while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                    end++;
                }
                if (!(node instanceof RecordNode record)) {
                    return null;
                }
                String name = record.resolve(path.substring(i, end));
                node = name == null ? null : record.children().get(name);
                if (node == null) {
                    return null;
                }
                i = end;
            }
            if (i < path.length() && path.charAt(i) == '.') {
                i++;
            }
        }
        return node;
    }

    /** Whether this version acts on the key at {@code path}; false for a path that is no key. */
    static boolean isImplemented(String path) {
        Node node = at(path);
        return node != null && node.implemented();
    }

    /** The words of an error about the value at {@code path}, of {@code type}: its check's, else the type's. */
    static String expectation(String path, Class<?> type) {
        Check check = check(at(path));
        return check == Check.ANY ? Scalars.expectation(type) : check.expectation();
    }

    /** What a value at this node must satisfy: a scalar's, a list's elements', a map's values'. */
    static Check check(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar.check();
        }
        if (node instanceof MapNode map) {
            return map.values();
        }
        if (node instanceof ListNode list) {
            return check(list.element());
        }
        return Check.ANY;
    }

    /** The form in which keys are compared: lower case, without '-' and '_'. */
    static String uniform(String key) {
        StringBuilder out = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c != '-' && c != '_') {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    /** @param placed the {@link Key} of the component that holds this record, for its per-place rules */
    private static RecordNode recordNode(Class<?> type, boolean implemented, Set<String> noEffect, Key placed) {
        Map<String, Node> children = new LinkedHashMap<>();
        Map<String, String> byUniform = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                continue; // what the loader found, not a key
            }
            String name = keyName(component);
            Key key = component.getAnnotation(Key.class);
            boolean acts = implemented && !noEffect.contains(name) && (key == null || key.implemented());
            Check check = placed != null && placed.child().equals(name)
                    ? placed.value()
                    : key == null || !key.child().isEmpty() ? Check.ANY : key.value();
            children.put(name, node(component.getGenericType(), key, check, acts));
            if (byUniform.put(uniform(name), name) != null) {
                throw new IllegalStateException(type + " has two keys that differ only in case, '-' or '_'");
            }
        }
        if (!byUniform
                .keySet()
                .containsAll(noEffect.stream().map(ConfigSchema::uniform).toList())) {
            throw new IllegalStateException(type + " has no key named in @Key(noEffect = " + noEffect + ")");
        }
        return new RecordNode(
                type, Collections.unmodifiableMap(children), Collections.unmodifiableMap(byUniform), implemented);
    }

    private static String keyName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }

    private static Node node(Type type, Key key, Check check, boolean implemented) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            if (raw == List.class) {
                return new ListNode(
                        node(parameterized.getActualTypeArguments()[0], key, check, implemented), implemented);
            }
            if (raw == Map.class) {
                return new MapNode(key == null ? Check.ANY : key.keys(), check, implemented);
            }
            throw new IllegalStateException("unsupported configuration type " + type);
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isRecord()) {
            if (check != Check.ANY) {
                throw new IllegalStateException("a check applies to a value, not to the section " + raw);
            }
            return recordNode(raw, implemented, key == null ? Set.of() : Set.of(key.noEffect()), key);
        }
        return new ScalarNode(raw, check, implemented);
    }

    private static JsonNode computeDefaultTree(Class<?> type) {
        Method defaults;
        try {
            defaults = type.getMethod("defaults");
        } catch (NoSuchMethodException e) {
            return MAPPER.createObjectNode();
        }
        try {
            return MAPPER.valueToTree(defaults.invoke(null));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build the defaults of " + type, e);
        }
    }

    /** Fills every absent key of {@code tree} from the defaults, recursing into records and list elements. */
    static void fillDefaults(RecordNode schema, ObjectNode tree, JsonNode defaults) {
        schema.children().forEach((name, child) -> {
            JsonNode value = tree.get(name);
            JsonNode fallback = defaults.get(name);
            if (value == null || value.isNull()) {
                if (fallback != null) {
                    tree.set(name, fallback.deepCopy());
                }
            } else if (child instanceof RecordNode record && value instanceof ObjectNode object) {
                fillDefaults(record, object, fallback == null ? record.defaultTree() : fallback);
            } else if (child instanceof ListNode list && list.element() instanceof RecordNode element) {
                value.forEach(item -> {
                    if (item instanceof ObjectNode object) {
                        fillDefaults(element, object, element.defaultTree());
                    }
                });
            }
        });
    }
}
