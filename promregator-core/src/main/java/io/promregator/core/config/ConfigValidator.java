package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.promregator.core.config.ConfigSchema.ListNode;
import io.promregator.core.config.ConfigSchema.MapNode;
import io.promregator.core.config.ConfigSchema.Node;
import io.promregator.core.config.ConfigSchema.RecordNode;
import io.promregator.core.config.ConfigSchema.ScalarNode;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Checks a canonical configuration tree: every value against its key's {@link Check}, then the rules that
 * span several keys (references between targets and authenticators, proxy host and port, required
 * URLs, the files of {@code server.ssl}). Reports every problem, not just the first.
 */
final class ConfigValidator {
    private ConfigValidator() {}

    /** Validates the parts of a {@link PromregatorConfig}; used by its constructor. */
    static void validate(Map<String, Object> components) {
        ObjectNode tree = ConfigSchema.MAPPER.createObjectNode();
        components.forEach((name, value) -> tree.set(name, ConfigSchema.MAPPER.valueToTree(value)));
        Problems problems = new Problems();
        check(tree, problems);
        problems.throwIfAny();
    }

    static void check(ObjectNode tree, Problems problems) {
        walk(ConfigSchema.ROOT, tree, "", problems);
        checkStaticTargets(tree.path("promregator").path("staticTargets"), problems);
        checkAuthenticators(tree.path("promregator"), problems);
        checkProxy(tree.path("cf").path("proxy"), "cf.proxy", problems);
        checkProxy(tree.path("promregator").path("scraping").path("proxy"), "promregator.scraping.proxy", problems);
        ServerTls.check(tree.path("server").path("ssl"), problems);
    }

    private static void walk(Node schema, JsonNode value, String path, Problems problems) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return;
        }
        if (schema instanceof RecordNode record) {
            record.children()
                    .forEach((name, child) -> walk(child, value.get(name), TreeNormalizer.join(path, name), problems));
        } else if (schema instanceof ListNode list) {
            for (int i = 0; i < value.size(); i++) {
                walk(list.element(), value.get(i), path + "[" + i + "]", problems);
            }
        } else if (schema instanceof MapNode map) {
            value.properties().forEach(entry -> {
                String entryPath = path + "." + entry.getKey();
                if (!map.keys().accepts(TextNode.valueOf(entry.getKey()))) {
                    // keys are never secret, so they are always shown
                    problems.addLine(
                            entryPath + ": " + map.keys().expectation() + ". Found: " + Problems.quote(entry.getKey()));
                } else if (!map.values().accepts(entry.getValue())) {
                    problems.add(entryPath, map.values().expectation(), entry.getValue());
                }
            });
        } else if (schema instanceof ScalarNode scalar && !scalar.check().accepts(value)) {
            problems.add(path, scalar.check().expectation(), value);
        }
    }

    /**
     * Each static target needs a URL, and no two may share their URL or their labels: their series would be
     * indistinguishable once merged.
     */
    private static void checkStaticTargets(JsonNode targets, Problems problems) {
        Map<String, Integer> urls = new HashMap<>();
        Map<Map<String, String>, Integer> labelSets = new HashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            JsonNode target = targets.get(i);
            if (!target.isObject()) {
                continue;
            }
            String path = "promregator.staticTargets[" + i + "]";
            JsonNode url = target.path("url");
            if (url.isMissingNode()) {
                problems.add(path + ".url", Check.URL.expectation(), null);
            } else if (url.isTextual()) {
                Integer earlier = urls.putIfAbsent(url.textValue(), i);
                if (earlier != null) {
                    problems.add(
                            path + ".url",
                            "must differ from the url of promregator.staticTargets[" + earlier + "]",
                            url);
                }
            }
            Map<String, String> labels = new TreeMap<>();
            target.path("labels")
                    .properties()
                    .forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
            Integer earlier = labelSets.putIfAbsent(labels, i);
            if (earlier != null) {
                problems.addLine(path + ".labels: must differ from the labels of promregator.staticTargets[" + earlier
                        + "], so that their series can be told apart. Found: " + shown(labels));
            }
        }
    }

    private static String shown(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "no labels";
        }
        StringJoiner joined = new StringJoiner(", ", "{", "}");
        labels.forEach((name, value) -> joined.add(name + "=" + Problems.quote(value)));
        return joined.toString();
    }

    private static void checkAuthenticators(JsonNode promregator, Problems problems) {
        String globalId = promregator.path("authenticator").path("id").asText("");
        if (!globalId.isEmpty()) {
            problems.add(
                    "promregator.authenticator.id",
                    "must be empty, as only entries of promregator.targetAuthenticators have ids",
                    promregator.path("authenticator").path("id"));
        }
        Map<String, Integer> ids = new HashMap<>();
        JsonNode authenticators = promregator.path("targetAuthenticators");
        for (int i = 0; i < authenticators.size(); i++) {
            JsonNode id = authenticators.get(i).path("id");
            String path = "promregator.targetAuthenticators[" + i + "].id";
            if (id.asText("").isEmpty()) {
                problems.add(path, "must be set, as targets refer to authenticators by id", id);
                continue;
            }
            Integer earlier = ids.putIfAbsent(id.asText(), i);
            if (earlier != null) {
                problems.add(path, "must differ from the id of promregator.targetAuthenticators[" + earlier + "]", id);
            }
        }
        JsonNode targets = promregator.path("targets");
        for (int i = 0; i < targets.size(); i++) {
            JsonNode reference = targets.get(i).path("authenticatorId");
            String id = reference.asText("");
            if (!id.isEmpty() && !ids.containsKey(id)) {
                problems.add(
                        "promregator.targets[" + i + "].authenticatorId",
                        "must be the id of an entry of promregator.targetAuthenticators",
                        reference);
            }
        }
    }

    private static void checkProxy(JsonNode proxy, String path, Problems problems) {
        if (!proxy.path("host").asText("").isEmpty() && proxy.path("port").asInt(0) == 0) {
            problems.add(
                    path + ".port", "must be between 1 and 65535 when " + path + ".host is set", proxy.path("port"));
        }
    }
}
