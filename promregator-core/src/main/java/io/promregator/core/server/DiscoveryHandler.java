package io.promregator.core.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsExchange;
import io.promregator.core.Target;
import io.promregator.core.TargetResolver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /discovery}: one entry per Cloud Foundry app instance in the original's file_sd shape,
 * served as {@code application/json} so that Prometheus' {@code http_sd_configs} reads it directly.
 * Each entry points Prometheus at {@code /singleTargetMetrics/<appGuid>/<index>} on this aggregator.
 * Entries come in discovery order, labels in a fixed order, no label is ever null: the same
 * Cloud Foundry state gives the same bytes on every instance (given {@code promregator.discovery.hostname}).
 */
final class DiscoveryHandler implements HttpHandler {
    static final String META = "__meta_promregator_target_";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetResolver resolver;
    private final DiscoverySettings settings;

    DiscoveryHandler(TargetResolver resolver, DiscoverySettings settings) {
        this.resolver = resolver;
        this.settings = settings;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String hostname = settings.hostname().isEmpty()
                ? exchange.getLocalAddress().getAddress().getHostAddress()
                : settings.hostname();
        int port = settings.port() > 0
                ? settings.port()
                : exchange.getLocalAddress().getPort();
        String address =
                (hostname.contains(":") && !hostname.startsWith("[") ? "[" + hostname + "]" : hostname) + ":" + port;
        Optional<String> scheme = !settings.scheme().isEmpty()
                ? Optional.of(settings.scheme())
                : port == 443 || (settings.port() == 0 && exchange instanceof HttpsExchange)
                        ? Optional.of("https")
                        : Optional.empty();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Target target : resolver.resolve()) {
            CfInstance.of(target).ifPresent(instance -> entries.add(entry(address, instance, scheme)));
        }
        if (settings.ownMetricsEndpoint()) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put(META + "path", "/promregatorMetrics");
            labels.put("__metrics_path__", "/promregatorMetrics");
            scheme.ifPresent(s -> labels.put("__scheme__", s));
            entries.add(Map.of("targets", List.of(address), "labels", labels));
        }
        Responses.send(exchange, 200, "application/json", JSON.writeValueAsBytes(entries));
    }

    private static Map<String, Object> entry(String address, CfInstance instance, Optional<String> scheme) {
        String path = "/singleTargetMetrics/" + instance.applicationId() + "/" + instance.instanceIndex();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(META + "orgName", instance.organizationName());
        labels.put(META + "spaceName", instance.spaceName());
        labels.put(META + "applicationName", instance.applicationName());
        labels.put(META + "applicationId", instance.applicationId());
        labels.put(META + "instanceNumber", Integer.toString(instance.instanceIndex()));
        labels.put(META + "instanceId", instance.instanceId());
        labels.put(META + "path", path);
        labels.put("__metrics_path__", path);
        scheme.ifPresent(s -> labels.put("__scheme__", s));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("targets", List.of(address));
        entry.put("labels", labels);
        return entry;
    }
}
