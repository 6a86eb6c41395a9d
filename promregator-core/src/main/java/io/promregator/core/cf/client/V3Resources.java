package io.promregator.core.cf.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.cf.CfApplication;
import io.promregator.core.cf.CfInstanceState;
import io.promregator.core.cf.CfOrganization;
import io.promregator.core.cf.CfProcess;
import io.promregator.core.cf.CfRoute;
import io.promregator.core.cf.CfSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps Cloud Controller v3 JSON resources to the {@code io.promregator.core.cf} records. Lenient: unknown
 * fields are ignored, missing optional ones get their defaults, and a resource without a field it cannot do
 * without (its guid, a name, a state, a relationship) is skipped with a warning.
 */
final class V3Resources {
    private static final Logger logger = LoggerFactory.getLogger(V3Resources.class);

    /** A domain from a route list's {@code included.domains[]}. */
    record Domain(String name, boolean internal) {}

    private V3Resources() {}

    static Optional<CfOrganization> organization(JsonNode resource) {
        String id = text(resource.path("guid"));
        String name = text(resource.path("name"));
        if (id == null || name == null) {
            return skip("organization", resource, "guid and name");
        }
        return Optional.of(new CfOrganization(id, name));
    }

    static Optional<CfSpace> space(JsonNode resource) {
        String id = text(resource.path("guid"));
        String name = text(resource.path("name"));
        String organizationId = relationship(resource, "organization");
        if (id == null || name == null || organizationId == null) {
            return skip("space", resource, "guid, name and organization");
        }
        return Optional.of(new CfSpace(id, name, organizationId));
    }

    static Optional<CfApplication> application(JsonNode resource) {
        String id = text(resource.path("guid"));
        String name = text(resource.path("name"));
        String state = text(resource.path("state"));
        String spaceId = relationship(resource, "space");
        if (id == null || name == null || state == null || spaceId == null) {
            return skip("app", resource, "guid, name, state and space");
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        resource.path("metadata").path("annotations").properties().forEach(entry -> {
            if (entry.getValue().isValueNode() && !entry.getValue().isNull()) {
                annotations.put(entry.getKey(), entry.getValue().asText());
            }
        });
        return Optional.of(new CfApplication(id, name, state, spaceId, annotations));
    }

    static Optional<CfProcess> process(JsonNode resource) {
        String id = text(resource.path("guid"));
        String type = text(resource.path("type"));
        String applicationId = relationship(resource, "app");
        JsonNode instances = resource.path("instances");
        if (id == null || type == null || applicationId == null || !instances.canConvertToInt()) {
            return skip("process", resource, "guid, type, app and instances");
        }
        return Optional.of(new CfProcess(id, applicationId, type, instances.asInt()));
    }

    /** The domains of a route list page, by guid. */
    static Map<String, Domain> domains(JsonNode included) {
        Map<String, Domain> domains = new HashMap<>();
        for (JsonNode domain : included.path("domains")) {
            String id = text(domain.path("guid"));
            if (id != null) {
                domains.put(
                        id,
                        new Domain(
                                String.valueOf(text(domain.path("name"))),
                                domain.path("internal").asBoolean(false)));
            }
        }
        return domains;
    }

    /**
     * A route with its domain looked up by guid. A domain missing from {@code domains} leaves the name
     * empty and counts as external, as the original did.
     */
    static Optional<CfRoute> route(JsonNode resource, Map<String, Domain> domains) {
        String id = text(resource.path("guid"));
        String url = text(resource.path("url"));
        String domainId = relationship(resource, "domain");
        if (id == null || url == null || domainId == null) {
            return skip("route", resource, "guid, url and domain");
        }
        String protocol = Optional.ofNullable(text(resource.path("protocol"))).orElse("http");
        Domain domain = domains.get(domainId);
        if (domain == null) {
            logger.warn(
                    "Domain {} of route {} ({}) is not among the included domains; taking it as external",
                    domainId,
                    id,
                    url);
            domain = new Domain("", false);
        }
        Set<String> applicationIds = new LinkedHashSet<>();
        for (JsonNode destination : resource.path("destinations")) {
            String applicationId = text(destination.path("app").path("guid"));
            if (applicationId != null) {
                applicationIds.add(applicationId);
            }
        }
        return Optional.of(new CfRoute(
                id, url, protocol, domainId, domain.name(), domain.internal(), List.copyOf(applicationIds)));
    }

    /**
     * The instances of a {@code /stats} (or {@code /process_instances}) answer, by index. DOWN entries lack
     * most fields; {@code routable} is often null.
     */
    static List<CfInstanceState> instances(JsonNode body) {
        List<CfInstanceState> instances = new ArrayList<>();
        for (JsonNode resource : body.path("resources")) {
            JsonNode index = resource.path("index");
            String state = text(resource.path("state"));
            if (!index.canConvertToInt() || state == null) {
                skip("process instance", resource, "index and state");
                continue;
            }
            JsonNode routable = resource.path("routable");
            Optional<Boolean> reported = routable.isBoolean() ? Optional.of(routable.asBoolean()) : Optional.empty();
            instances.add(new CfInstanceState(index.asInt(), state, reported));
        }
        instances.sort(Comparator.comparingInt(CfInstanceState::index));
        return instances;
    }

    /** {@code relationships.<name>.data.guid}, or null. */
    private static String relationship(JsonNode resource, String name) {
        return text(resource.path("relationships").path(name).path("data").path("guid"));
    }

    /** The node's text when it is a non-empty string, else null. */
    static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isEmpty() ? node.asText() : null;
    }

    private static <T> Optional<T> skip(String kind, JsonNode resource, String needed) {
        logger.warn("Skipping a Cloud Controller {} without {}: guid {}", kind, needed, resource.path("guid"));
        return Optional.empty();
    }
}
