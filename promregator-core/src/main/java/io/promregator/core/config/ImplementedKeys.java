package io.promregator.core.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.config.ConfigSchema.ListNode;
import io.promregator.core.config.ConfigSchema.MapNode;
import io.promregator.core.config.ConfigSchema.RecordNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which keys this version acts on. Every other key of the original Promregator is accepted and bound, but
 * has no effect yet; {@link PromregatorConfig#unimplementedKeys()} names those that a configuration sets.
 * To implement a key, add its pattern here ({@code []} stands for any list index, {@code *} for any rest).
 */
final class ImplementedKeys {
    static final List<String> PATTERNS = List.of(
            "server.port",
            "server.address",
            "server.tomcat.threads.max",
            "server.tomcat.maxThreads",
            "server.compression.enabled",
            "server.ssl.enabled",
            "server.ssl.certificate",
            "server.ssl.certificate-private-key",
            "server.ssl.key-store",
            "server.ssl.key-store-password",
            "server.ssl.key-store-type",
            "server.ssl.key-alias",
            "server.ssl.key-password",
            "promregator.scraping.*",
            "promregator.endpoint.maxProcessingTime", // deprecated alias of promregator.scraping.maxProcessingTime
            "promregator.endpoint.threads", // deprecated alias of promregator.scraping.threads
            "promregator.metrics.requestLatency",
            "promregator.metrics.internal",
            "promregator.metrics.labelNamePrefix",
            "promregator.discoverer.timeout",
            "promregator.discoverer.readyAfterFirstDiscovery",
            "promregator.staticTargets[].*",
            "logging.level.*",
            "cf.api_host",
            "cf.username",
            "cf.password",
            "cf.clientId",
            "cf.clientSecret",
            "cf.skipSslValidation",
            "cf.proxy.*",
            "cf.proxyHost", // deprecated alias of cf.proxy.host
            "cf.proxyPort", // deprecated alias of cf.proxy.port
            "cf.threadPool.size",
            "cf.request.*",
            "cf.cache.timeout.*",
            "cf.cache.expiry.*",
            "promregator.defaultInternalRoutePort",
            "promregator.endpoint.httpErrorOnFailure",
            "promregator.discovery.hostname",
            "promregator.discovery.port",
            "promregator.discovery.scheme",
            "promregator.discovery.ownMetricsEndpoint",
            "promregator.targets[].", // an empty target: every app of every org
            "promregator.targets[].orgName",
            "promregator.targets[].orgRegex",
            "promregator.targets[].spaceName",
            "promregator.targets[].spaceRegex",
            "promregator.targets[].applicationName",
            "promregator.targets[].applicationRegex",
            "promregator.targets[].path",
            "promregator.targets[].protocol",
            "promregator.targets[].preferredRouteRegex",
            "promregator.targets[].internalRoutePort",
            "promregator.targets[].kubernetesAnnotations",
            "promregator.targets[].overrideRouteAndPath",
            "promregator.targets[].authenticatorId",
            "promregator.authenticator.type",
            "promregator.authenticator.basic.*",
            "promregator.authenticator.oauth2xsuaaBasic.*",
            "promregator.authenticator.oauth2xsuaaCertificate.*",
            "promregator.authenticator.oauth2xsuaa.*",
            "promregator.targetAuthenticators[].", // an entry whose every key is implemented
            "promregator.targetAuthenticators[].id",
            "promregator.targetAuthenticators[].type",
            "promregator.targetAuthenticators[].basic.*",
            "promregator.targetAuthenticators[].oauth2xsuaaBasic.*",
            "promregator.targetAuthenticators[].oauth2xsuaaCertificate.*",
            "promregator.targetAuthenticators[].oauth2xsuaa.*",
            "promregator.authentication.basic.*",
            "promregator.endpoint.auth",
            "promregator.discovery.auth",
            "promregator.metrics.auth",
            "promregator.cache.invalidate.auth");

    private static final List<Pattern> GLOBS =
            PATTERNS.stream().map(ConfigRules::glob).toList();

    private ImplementedKeys() {}

    static boolean isImplemented(String path) {
        String pattern = ConfigRules.pattern(path);
        return GLOBS.stream().anyMatch(glob -> glob.matcher(pattern).matches());
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
                    if (found.size() == before && !isImplemented(elementPath + ".")) {
                        found.add(elementPath);
                    }
                }
            } else if (child instanceof MapNode) {
                childValue.properties().forEach(entry -> {
                    String entryPath = childPath + "." + entry.getKey();
                    if (!entry.getValue().equals(childDefault.path(entry.getKey())) && !isImplemented(entryPath)) {
                        found.add(entryPath);
                    }
                });
            } else if (!isImplemented(childPath)) {
                found.add(childPath);
            }
        });
    }
}
