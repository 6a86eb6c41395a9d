package io.promregator.core.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The whole configuration, with the original Promregator's keys and defaults. Load it with
 * {@link ConfigLoader}, or build it in code:
 *
 * <pre>{@code
 * PromregatorConfig config = PromregatorConfig.builder()
 *         .serverAddress("127.0.0.1")
 *         .serverPort(0)
 *         .scraping(Scraping.builder().threads(10).maxProcessingTime(2000).build())
 *         .staticTarget(StaticTarget.of("http://localhost:9100/metrics", Map.of("job", "node")))
 *         .build();
 * }</pre>
 *
 * The constructor validates the whole tree, reporting every problem with its full path
 * ({@code promregator.staticTargets[0].url: must be an absolute http or https URL. Found: "ftp://x"}).
 *
 * @param spring Spring keys of the original's setups, accepted as they are (accepted; no effect yet)
 * @param encrypt Spring Cloud's {@code encrypt.*} keys for {cipher} values (accepted; no effect yet)
 * @param removedKeys not a key: the keys of the loaded file that the original Promregator no longer reads,
 *     each as {@code <path>: <since when and why>; ignored}, for one warning at start
 */
public record PromregatorConfig(
        Cf cf,
        PromregatorSettings promregator,
        Server server,
        Logging logging,
        @Key(implemented = false) Map<String, String> spring,
        @Key(implemented = false) Map<String, String> encrypt,
        @JsonIgnore List<String> removedKeys) {

    public PromregatorConfig {
        cf = Objects.requireNonNullElseGet(cf, Cf::defaults);
        promregator = Objects.requireNonNullElseGet(promregator, PromregatorSettings::defaults);
        server = Objects.requireNonNullElseGet(server, Server::defaults);
        logging = Objects.requireNonNullElseGet(logging, Logging::defaults);
        spring = StaticTarget.ordered(spring);
        encrypt = StaticTarget.ordered(encrypt);
        removedKeys = removedKeys == null ? List.of() : List.copyOf(removedKeys);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("cf", cf);
        components.put("promregator", promregator);
        components.put("server", server);
        components.put("logging", logging);
        components.put("spring", spring);
        components.put("encrypt", encrypt);
        ConfigValidator.validate(components);
    }

    /** The original's defaults: no targets, port 8080 on all addresses. */
    public static PromregatorConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.cf = cf;
        builder.promregator = promregator.toBuilder();
        builder.server = server;
        builder.logging = logging;
        builder.spring = spring;
        builder.encrypt = encrypt;
        builder.removedKeys = removedKeys;
        return builder;
    }

    /**
     * The keys this configuration sets (to other than their defaults) that this version does not act on
     * yet, as full paths such as {@code cf.api_host} or {@code promregator.targets[0].orgName}, for one
     * warning at startup. A key is implemented unless its {@link Key} says otherwise.
     */
    public List<String> unimplementedKeys() {
        return ImplementedKeys.unimplementedKeys(this);
    }

    /** This configuration, naming {@code keys} as the removed keys its file held. */
    PromregatorConfig withRemovedKeys(List<String> keys) {
        return new PromregatorConfig(cf, promregator, server, logging, spring, encrypt, keys);
    }

    /** Starts from the defaults; the shortcuts set the parts an embedding application sets most. */
    public static final class Builder {
        private Cf cf = Cf.defaults();
        private PromregatorSettings.Builder promregator = PromregatorSettings.builder();
        private Server server = Server.defaults();
        private Logging logging = Logging.defaults();
        private Map<String, String> spring = Map.of();
        private Map<String, String> encrypt = Map.of();
        private List<String> removedKeys = List.of();

        private Builder() {}

        public Builder cf(Cf value) {
            this.cf = value;
            return this;
        }

        public Builder promregator(PromregatorSettings value) {
            this.promregator = value.toBuilder();
            return this;
        }

        public Builder server(Server value) {
            this.server = value;
            return this;
        }

        public Builder serverPort(int port) {
            this.server = server.withPort(port);
            return this;
        }

        public Builder serverAddress(String address) {
            this.server = server.withAddress(address);
            return this;
        }

        public Builder logging(Logging value) {
            this.logging = value;
            return this;
        }

        public Builder scraping(Scraping value) {
            promregator.scraping(value);
            return this;
        }

        public Builder staticTargets(List<StaticTarget> targets) {
            promregator.staticTargets(targets);
            return this;
        }

        /** Adds one static target after those set before. */
        public Builder staticTarget(StaticTarget target) {
            List<StaticTarget> targets = new ArrayList<>(promregator.build().staticTargets());
            targets.add(target);
            promregator.staticTargets(targets);
            return this;
        }

        public Builder targets(List<CfTarget> targets) {
            promregator.targets(targets);
            return this;
        }

        public Builder requestLatency(boolean enabled) {
            Metrics metrics = promregator.build().metrics();
            promregator.metrics(new Metrics(metrics.auth(), metrics.internal(), enabled, metrics.labelNamePrefix()));
            return this;
        }

        public PromregatorConfig build() {
            return new PromregatorConfig(cf, promregator.build(), server, logging, spring, encrypt, removedKeys);
        }
    }
}
