package io.promregator.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.promregator.core.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a {@code promregator.yml} as the original Promregator does, so that existing files load unchanged:
 * Spring's relaxed key names, dotted and indexed keys, {@code ${VAR:default}} placeholders, and
 * environment variables overriding YAML ({@code CF_PASSWORD}, {@code SERVER_PORT}, ...). Unlike the
 * original, an unknown key is an error, with a suggestion; a key that the original itself stopped reading
 * is ignored and named in {@link PromregatorConfig#removedKeys()}. Every problem found is reported at once in a
 * {@link ConfigurationException}. An empty file is all defaults. Several YAML documents in one file are
 * applied in order, later ones overriding earlier ones (Spring profiles are not evaluated).
 */
public final class ConfigLoader {
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '([^']*)'");

    private ConfigLoader() {}

    /** Loads a file with the process environment. */
    public static PromregatorConfig load(Path yaml) {
        return load(yaml, System.getenv());
    }

    public static PromregatorConfig load(Path yaml, Map<String, String> environment) {
        String text;
        try {
            text = Files.readString(yaml);
        } catch (IOException e) {
            throw new ConfigurationException(yaml + ": must be a readable file. Found: " + e);
        }
        return load(text, yaml.toString(), environment);
    }

    /** Loads YAML text, for tests and embedding applications. */
    public static PromregatorConfig load(String yamlText, Map<String, String> environment) {
        return load(yamlText, "configuration", environment);
    }

    private static PromregatorConfig load(String text, String source, Map<String, String> environment) {
        Problems problems = new Problems();
        TreeNormalizer normalizer = new TreeNormalizer(problems, new Placeholders(environment), source);
        ObjectNode tree = normalizer.normalize(readDocuments(text, source));
        EnvironmentOverrides.apply(tree, environment, problems);
        applyDeprecatedAliases(tree);
        lowerDefaultTimeouts(tree);
        ConfigSchema.fillDefaults(ConfigSchema.ROOT, tree, ConfigSchema.ROOT.defaultTree());
        ConfigValidator.check(tree, problems);
        problems.throwIfAny();
        try {
            return ConfigSchema.MAPPER
                    .treeToValue(tree, PromregatorConfig.class)
                    .withRemovedKeys(normalizer.removedKeys());
        } catch (JsonProcessingException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof ConfigurationException configurationException) {
                    throw configurationException;
                }
            }
            throw new IllegalStateException("a checked configuration did not bind", e);
        }
    }

    private static List<JsonNode> readDocuments(String text, String source) {
        List<JsonNode> documents = new ArrayList<>();
        try (JsonParser parser = ConfigSchema.MAPPER.createParser(text)) {
            for (JsonNode document = ConfigSchema.MAPPER.readTree(parser);
                    document != null;
                    document = ConfigSchema.MAPPER.readTree(parser)) {
                documents.add(document);
            }
        } catch (IOException e) {
            throw new ConfigurationException(source + ": must be valid YAML. Found: " + describe(e));
        }
        return documents;
    }

    /** The parser's complaint with its position, but never the offending line, which may hold a secret. */
    private static String describe(IOException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                return marked.getProblem() + " (line "
                        + (marked.getProblemMark().getLine() + 1) + ", column "
                        + (marked.getProblemMark().getColumn() + 1) + ")";
            }
        }
        if (e instanceof JsonProcessingException processing) {
            JsonLocation location = processing.getLocation();
            Matcher duplicate = DUPLICATE_KEY.matcher(processing.getOriginalMessage());
            String message = duplicate.lookingAt()
                    ? "duplicate key \"" + duplicate.group(1) + "\""
                    : processing.getOriginalMessage();
            return location == null
                    ? message
                    : message + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return e.getMessage();
    }

    /** The original's {@code promregator.endpoint.maxProcessingTime}/{@code threads}, deprecated since 0.5.0. */
    private static void applyDeprecatedAliases(ObjectNode tree) {
        JsonNode endpoint = tree.path("promregator").path("endpoint");
        for (String key : List.of("maxProcessingTime", "threads")) {
            JsonNode value = endpoint.path(key);
            if (value.isInt()
                    && value.intValue() > 0
                    && tree.path("promregator").path("scraping").path(key).isMissingNode()) {
                tree.withObjectProperty("promregator")
                        .withObjectProperty("scraping")
                        .set(key, value);
            }
        }
    }

    /**
     * A connect or read timeout the configuration leaves out defaults to 5 s, but to no more than the
     * {@code maxProcessingTime} it sets: a default is lowered quietly here, so that start-up warns only about
     * a timeout the user wrote ({@code Wiring.timeoutWarnings}).
     */
    private static void lowerDefaultTimeouts(ObjectNode tree) {
        JsonNode scraping = tree.path("promregator").path("scraping");
        JsonNode max = scraping.path("maxProcessingTime");
        if (!(scraping instanceof ObjectNode object) || !max.isIntegralNumber() || !max.canConvertToInt()) {
            return;
        }
        Scraping defaults = Scraping.defaults();
        lowerDefault(object, "connectionTimeout", defaults.connectionTimeout(), max.intValue());
        lowerDefault(object, "socketReadTimeout", defaults.socketReadTimeout(), max.intValue());
    }

    private static void lowerDefault(ObjectNode scraping, String key, int fallback, int maxProcessingTime) {
        JsonNode value = scraping.get(key);
        if ((value == null || value.isNull()) && maxProcessingTime > 0 && fallback > maxProcessingTime) {
            scraping.put(key, maxProcessingTime);
        }
    }
}
