package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.config.ConfigSchema.ListNode;
import io.promregator.core.config.ConfigSchema.MapNode;
import io.promregator.core.config.ConfigSchema.RecordNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys that a configuration sets but this version does not act on: those whose {@link Key} says
 * {@code implemented = false}, on the key or a section above it, for one warning at start-up and in
 * {@code --check-config}. Every other key of the original Promregator is implemented.
 */
final class ImplementedKeys {
    private ImplementedKeys() {}

    static boolean isImplemented(String path) {
        return ConfigSchema.isImplemented(path);
    }

    /** The paths of {@code config} whose values differ from the defaults and have no effect yet. */
    static List<String> unimplementedKeys(PromregatorConfig config) {
        JsonNode tree = ConfigSchema.MAPPER.valueToTree(config);
        List<String> found = new ArrayList<>();
        collect(ConfigSchema.ROOT, tree, ConfigSchema.ROOT.defaultTree(), "", found);
        return List.copyOf(found);
    }

    private static void collect(RecordNode schema, JsonNode value, JsonNode defaults, String path, List<String> found) {
        schema.children().forEach((name, child) -> {
            String childPath = TreeNormalizer.join(path, name);
            JsonNode childValue = value.path(name);
            JsonNode childDefault = defaults.path(name);
            if (childValue.equals(childDefault)) {
                return;
            }
            if (child instanceof RecordNode record) {
                collect(record, childValue, childDefault, childPath, found);
            } else if (child instanceof ListNode list && list.element() instanceof RecordNode element) {
                for (int i = 0; i < childValue.size(); i++) {
                    String elementPath = childPath + "[" + i + "]";
                    int before = found.size();
                    collect(element, childValue.get(i), element.defaultTree(), elementPath, found);
                    if (found.size() == before && !element.implemented()) {
                        found.add(elementPath);
                    }
                }
            } else if (child instanceof MapNode) {
                childValue.properties().forEach(entry -> {
                    String entryPath = childPath + "." + entry.getKey();
                    if (!entry.getValue().equals(childDefault.path(entry.getKey())) && !child.implemented()) {
                        found.add(entryPath);
                    }
                });
            } else if (!child.implemented()) {
                found.add(childPath);
            }
        });
    }
}
