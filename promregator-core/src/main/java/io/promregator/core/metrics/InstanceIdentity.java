package io.promregator.core.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which Promregator this is, for {@code promregator_instance_info} and the start-up log: on Cloud Foundry
 * the app instance it runs as (from {@code VCAP_APPLICATION}, {@code CF_INSTANCE_INDEX} and
 * {@code CF_INSTANCE_GUID}), anywhere the host name, plus this process's id and the version. Every
 * component is empty when unknown, never null.
 *
 * @param host the host name ({@code HOSTNAME}, else the local host's name)
 * @param organizationName {@code organization_name} of {@code VCAP_APPLICATION}
 * @param spaceName {@code space_name}
 * @param applicationName {@code application_name} (else {@code name})
 * @param applicationId {@code application_id}
 * @param instanceIndex {@code CF_INSTANCE_INDEX}, else {@code instance_index}
 * @param instanceGuid {@code CF_INSTANCE_GUID}, else {@code instance_id}
 * @param instanceId this process's id, sent as {@code X-Promregator-Instance}
 * @param version Promregator's version
 */
public record InstanceIdentity(
        String host,
        String organizationName,
        String spaceName,
        String applicationName,
        String applicationId,
        String instanceIndex,
        String instanceGuid,
        String instanceId,
        String version) {
    private static final Logger logger = LoggerFactory.getLogger(InstanceIdentity.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The label names of {@code promregator_instance_info}. */
    static final String[] LABEL_NAMES = {
        "host",
        "org_name",
        "space_name",
        "app_name",
        "app_id",
        "cf_instance_number",
        "cf_instance_guid",
        "instance_id",
        "version"
    };

    public InstanceIdentity {
        host = Objects.requireNonNullElse(host, "");
        organizationName = Objects.requireNonNullElse(organizationName, "");
        spaceName = Objects.requireNonNullElse(spaceName, "");
        applicationName = Objects.requireNonNullElse(applicationName, "");
        applicationId = Objects.requireNonNullElse(applicationId, "");
        instanceIndex = Objects.requireNonNullElse(instanceIndex, "");
        instanceGuid = Objects.requireNonNullElse(instanceGuid, "");
        instanceId = Objects.requireNonNullElse(instanceId, "");
        version = Objects.requireNonNullElse(version, "");
    }

    /** This process: the real environment and host, and the version of this jar. */
    public static InstanceIdentity detect(String instanceId) {
        return fromEnvironment(System.getenv(), instanceId, buildVersion());
    }

    /**
     * From environment variables ({@code VCAP_APPLICATION}, {@code CF_INSTANCE_INDEX},
     * {@code CF_INSTANCE_GUID}, {@code HOSTNAME}); the local host's name when {@code HOSTNAME} is missing.
     * A {@code VCAP_APPLICATION} that is not a JSON object is logged and ignored.
     */
    public static InstanceIdentity fromEnvironment(Map<String, String> environment, String instanceId, String version) {
        JsonNode application = vcapApplication(environment.get("VCAP_APPLICATION"));
        String host = environment.getOrDefault("HOSTNAME", "");
        return new InstanceIdentity(
                host.isEmpty() ? localHostName() : host,
                text(application, "organization_name"),
                text(application, "space_name"),
                text(application, "application_name").isEmpty()
                        ? text(application, "name")
                        : text(application, "application_name"),
                text(application, "application_id"),
                environment.getOrDefault("CF_INSTANCE_INDEX", text(application, "instance_index")),
                environment.getOrDefault("CF_INSTANCE_GUID", text(application, "instance_id")),
                instanceId,
                version);
    }

    /** Promregator's version, from the jar's build; {@code unknown} outside a build. */
    public static String buildVersion() {
        try (InputStream in = InstanceIdentity.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The same instance with another process id. */
    public InstanceIdentity withInstanceId(String value) {
        return new InstanceIdentity(
                host,
                organizationName,
                spaceName,
                applicationName,
                applicationId,
                instanceIndex,
                instanceGuid,
                value,
                version);
    }

    /** Whether {@code VCAP_APPLICATION} named an application. */
    public boolean isCloudFoundry() {
        return !applicationId.isEmpty() || !applicationName.isEmpty();
    }

    /**
     * One line for the log, e.g. {@code Promregator 1.0.0, instance 6f1c..., Cloud Foundry app
     * promregator (guid a1b2...) instance 0 (guid c3d4...) in space prod of org shop, host 3f2e...}.
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("Promregator " + (version.isEmpty() ? "unknown" : version));
        if (!instanceId.isEmpty()) {
            parts.add("instance " + instanceId);
        }
        if (isCloudFoundry()) {
            StringBuilder app = new StringBuilder("Cloud Foundry app ").append(applicationName);
            if (!applicationId.isEmpty()) {
                app.append(" (guid ").append(applicationId).append(')');
            }
            if (!instanceIndex.isEmpty()) {
                app.append(" instance ").append(instanceIndex);
            }
            if (!instanceGuid.isEmpty()) {
                app.append(" (guid ").append(instanceGuid).append(')');
            }
            app.append(" in space ").append(spaceName).append(" of org ").append(organizationName);
            parts.add(app.toString());
        }
        parts.add("host " + (host.isEmpty() ? "unknown" : host));
        return String.join(", ", parts);
    }

    /** The labels of {@code promregator_instance_info}: name, value, name, value, ... */
    String[] labelPairs() {
        String[] values = {
            host,
            organizationName,
            spaceName,
            applicationName,
            applicationId,
            instanceIndex,
            instanceGuid,
            instanceId,
            version
        };
        String[] pairs = new String[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            pairs[2 * i] = LABEL_NAMES[i];
            pairs[2 * i + 1] = values[i];
        }
        return pairs;
    }

    private static JsonNode vcapApplication(String json) {
        if (json == null || json.isBlank()) {
            return MAPPER.createObjectNode();
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // reported below
        }
        logger.warn("VCAP_APPLICATION is not a JSON object; the instance identity leaves it out");
        return MAPPER.createObjectNode();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : "";
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | SecurityException e) {
            return "";
        }
    }
}
