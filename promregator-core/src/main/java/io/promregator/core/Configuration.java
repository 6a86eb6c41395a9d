package io.promregator.core;

import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.PromregatorConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A loaded {@code promregator.yml}: the original Promregator's keys and defaults, with environment
 * overrides applied and every value checked. Pass it to {@link Promregator.Builder#config}; the key tree
 * itself is not part of the API (the keys are, in {@code docs/configuration.md}).
 *
 * <pre>{@code
 * Configuration config = Configuration.load(Path.of("promregator.yml"), System.getenv());
 * Configuration inline = Configuration.parse("promregator:\n  scraping:\n    threads: 10\n", Map.of());
 * }</pre>
 */
public final class Configuration {
    private final PromregatorConfig tree;

    Configuration(PromregatorConfig tree) {
        this.tree = Objects.requireNonNull(tree);
    }

    /**
     * Reads a YAML file (several documents apply in order); {@code environment} holds the overrides
     * ({@code PROMREGATOR_SCRAPING_THREADS=10}) and the values of {@code ${...}} placeholders.
     *
     * @throws ConfigurationException naming every problem, each as {@code <path>: <expectation>. Found: <value>}
     */
    public static Configuration load(Path file, Map<String, String> environment) {
        return new Configuration(ConfigLoader.load(file, environment));
    }

    /** Reads YAML text, as {@link #load} reads a file. */
    public static Configuration parse(String yaml, Map<String, String> environment) {
        return new Configuration(ConfigLoader.load(yaml, environment));
    }

    /** The original's defaults: no targets, port 8080 on all addresses. */
    public static Configuration defaults() {
        return new Configuration(PromregatorConfig.defaults());
    }

    /**
     * What start-up checks, without connecting to Cloud Foundry or binding a port (the same as
     * {@link Promregator#check}).
     *
     * @throws ConfigurationException naming every problem found
     */
    public Configuration check() {
        Promregator.check(tree);
        return this;
    }

    /** The keys set here that this version accepts but does not act on, as full paths. */
    public List<String> unimplementedKeys() {
        return tree.unimplementedKeys();
    }

    /** The keys set here that the original Promregator stopped reading, each with since when and why. */
    public List<String> removedKeys() {
        return tree.removedKeys();
    }

    /** Whether {@code promregator.targets} names Cloud Foundry targets (which start-up then discovers). */
    public boolean hasCloudFoundryTargets() {
        return !tree.promregator().targets().isEmpty();
    }

    /** Whether {@code promregator.staticTargets} names targets. */
    public boolean hasStaticTargets() {
        return !tree.promregator().staticTargets().isEmpty();
    }

    /** The log levels of {@code logging.level.*}, by logger name. */
    public Map<String, String> logLevels() {
        return tree.logging().effectiveLevels();
    }

    /** Whether {@code logging.format} asks for JSON log lines, one object per line. */
    public boolean jsonLogs() {
        return tree.logging().json();
    }

    /** {@code server.address}: where the server listens. */
    public String serverAddress() {
        return tree.server().address();
    }

    /** Whether the server speaks HTTPS ({@code server.ssl}). */
    public boolean https() {
        return tree.server().ssl().active();
    }

    PromregatorConfig tree() {
        return tree;
    }
}
