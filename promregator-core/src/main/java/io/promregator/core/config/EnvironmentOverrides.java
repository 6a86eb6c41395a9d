package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.promregator.core.config.ConfigSchema.RecordNode;
import io.promregator.core.config.ConfigSchema.ScalarNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Environment variables in Spring's relaxed form override YAML values: {@code CF_PASSWORD} sets
 * {@code cf.password}, {@code PROMREGATOR_SCRAPING_MAXPROCESSINGTIME} sets
 * {@code promregator.scraping.maxProcessingTime}, {@code LOGGING_LEVEL_ORG_EXAMPLE=DEBUG} sets
 * {@code logging.level.org.example}. A variable applies when it is the key in upper case with '.' and
 * '-' as '_' ; failing that, when it equals exactly one key after dropping all of '.', '-' and '_'.
 * Only keys outside lists can be set; every other variable is ignored. Without {@code server.port} in
 * YAML or {@code SERVER_PORT}, the variable {@code PORT} (set by Cloud Foundry) gives the port.
 */
final class EnvironmentOverrides {
    private static final Logger logger = LoggerFactory.getLogger(EnvironmentOverrides.class);
    private static final String LOGGING_LEVEL = "LOGGING_LEVEL_";

    private record Leaf(String path, Class<?> type) {}

    private static final Map<String, Leaf> BY_SPRING_NAME = new HashMap<>();
    private static final Map<String, List<Leaf>> BY_UNIFORM_NAME = new HashMap<>();

    static {
        index(ConfigSchema.ROOT, "");
    }

    private EnvironmentOverrides() {}

    static void apply(ObjectNode tree, Map<String, String> environment, Problems problems) {
        new TreeMap<>(environment).forEach((name, value) -> {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.startsWith(LOGGING_LEVEL) && upper.length() > LOGGING_LEVEL.length()) {
                String loggerName = upper.substring(LOGGING_LEVEL.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                tree.withObjectProperty("logging").withObjectProperty("level").put(loggerName, value);
                logger.debug("logging.level.{} set by environment variable {}", loggerName, name);
                return;
            }
            Leaf leaf = find(upper);
            if (leaf != null) {
                set(tree, leaf, value, "environment variable " + name, problems);
            }
        });
        String port = environment.get("PORT");
        if (port != null && tree.path("server").path("port").isMissingNode()) {
            set(tree, new Leaf("server.port", int.class), port, "environment variable PORT", problems);
        }
    }

    private static Leaf find(String upperName) {
        Leaf exact = BY_SPRING_NAME.get(upperName);
        if (exact != null) {
            return exact;
        }
        List<Leaf> candidates = BY_UNIFORM_NAME.get(ConfigSchema.uniform(upperName.replace(".", "")));
        return candidates != null && candidates.size() == 1 ? candidates.get(0) : null;
    }

    private static void set(ObjectNode tree, Leaf leaf, String value, String source, Problems problems) {
        JsonNode converted = Scalars.coerce(leaf.type(), TextNode.valueOf(value));
        if (converted == null) {
            problems.add(
                    leaf.path(), ConfigSchema.expectation(leaf.path(), leaf.type()), TextNode.valueOf(value), source);
            return;
        }
        String[] segments = leaf.path().split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = parent.withObjectProperty(segments[i]);
        }
        parent.set(segments[segments.length - 1], converted);
        logger.debug("{} set by {}", leaf.path(), source);
    }

    private static void index(RecordNode record, String prefix) {
        record.children().forEach((name, child) -> {
            String path = TreeNormalizer.join(prefix, name);
            if (child instanceof RecordNode nested) {
                index(nested, path);
            } else if (child instanceof ScalarNode scalar) {
                Leaf leaf = new Leaf(path, scalar.type());
                BY_SPRING_NAME.put(path.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT), leaf);
                BY_UNIFORM_NAME
                        .computeIfAbsent(ConfigSchema.uniform(path.replace(".", "")), k -> new ArrayList<>())
                        .add(leaf);
            }
        });
    }
}
