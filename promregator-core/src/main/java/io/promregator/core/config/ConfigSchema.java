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
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key tree of the configuration, read once from the record components of {@link PromregatorConfig}:
 * a key's name is its {@code @JsonProperty} name, else the component's name. The records are therefore
 * the one place that says which keys exist and of which type.
 */
final class ConfigSchema {
    static final ObjectMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .build();

    static final RecordNode ROOT = recordNode(PromregatorConfig.class);

    private static final Map<Class<?>, JsonNode> DEFAULT_TREES = new ConcurrentHashMap<>();

    private ConfigSchema() {}

    /** A node of the key tree. */
    sealed interface Node permits RecordNode, ListNode, MapNode, ScalarNode {}

    /** Keys with fixed names, bound to a record. */
    record RecordNode(Class<?> type, Map<String, Node> children, Map<String, String> namesByUniformName)
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
    record ListNode(Node element) implements Node {}

    /** Free keys mapped to strings (labels, headers, logger levels); nested keys are joined with dots. */
    record MapNode() implements Node {}

    /** One value: String, int, long, double, boolean, URI or an enum. */
    record ScalarNode(Class<?> type) implements Node {}

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

    private static RecordNode recordNode(Class<?> type) {
        Map<String, Node> children = new LinkedHashMap<>();
        Map<String, String> byUniform = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getAccessor().isAnnotationPresent(JsonIgnore.class)) {
                continue; // what the loader found, not a key
            }
            String name = keyName(component);
            children.put(name, node(component.getGenericType()));
            if (byUniform.put(uniform(name), name) != null) {
                throw new IllegalStateException(type + " has two keys that differ only in case, '-' or '_'");
            }
        }
        return new RecordNode(type, Collections.unmodifiableMap(children), Collections.unmodifiableMap(byUniform));
    }

    private static String keyName(RecordComponent component) {
        JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
        return property == null || property.value().isEmpty() ? component.getName() : property.value();
    }

    private static Node node(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Type raw = parameterized.getRawType();
            if (raw == List.class) {
                return new ListNode(node(parameterized.getActualTypeArguments()[0]));
            }
            if (raw == Map.class) {
                return new MapNode();
            }
            throw new IllegalStateException("unsupported configuration type " + type);
        }
        Class<?> type1 = (Class<?>) type;
        return type1.isRecord() ? recordNode(type1) : new ScalarNode(type1);
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
