package io.promregator.core;

import io.promregator.core.exposition.Labels;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

/**
 * One endpoint to scrape: where it is, which labels its samples get, and which headers reach it.
 *
 * @param id unique among the targets of one resolution; for Cloud Foundry {@code <appGuid>:<index>}
 * @param url the metrics URL
 * @param labels the labels the enricher adds to the target's samples and that mark its
 *     {@code promregator_up} series
 * @param headers extra request headers, such as {@code X-CF-APP-INSTANCE}
 * @param authenticatorId the outbound authenticator ({@code promregator.targetAuthenticators[].id}); empty
 *     for the global {@code promregator.authenticator}
 */
public record Target(String id, URI url, Labels labels, Map<String, String> headers, String authenticatorId) {
    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(labels, "labels");
        headers = Map.copyOf(headers);
        Objects.requireNonNull(authenticatorId, "authenticatorId");
    }

    /** A target authenticated by the global authenticator. */
    public Target(String id, URI url, Labels labels, Map<String, String> headers) {
        this(id, url, labels, headers, "");
    }

    /**
     * The labels Promregator adds for one Cloud Foundry app instance, in the original's order:
     * {@code org_name}, {@code space_name}, {@code app_name}, {@code cf_instance_id}
     * ({@code <applicationId>:<instanceIndex>}) and {@code cf_instance_number}.
     */
    public static Labels cfLabels(
            String orgName, String spaceName, String applicationName, String applicationId, int instanceIndex) {
        return Labels.of(
                "org_name", orgName,
                "space_name", spaceName,
                "app_name", applicationName,
                "cf_instance_id", applicationId + ":" + instanceIndex,
                "cf_instance_number", Integer.toString(instanceIndex));
    }
}
