package io.promregator.core;

import io.promregator.core.exposition.Labels;
import java.net.URI;
import java.net.URISyntaxException;
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
    private static final String REDACTED = "xxxxx";

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

    /** This target's URL as it may be shown in a label, a log line or a message ({@link #redacted(URI)}). */
    public String shownUrl() {
        return redacted(url);
    }

    /**
     * A URL without the parts that may carry a secret: the one rule wherever Promregator shows a URL. User
     * information becomes {@code xxxxx}, each query parameter keeps its name and its value becomes
     * {@code xxxxx} (a parameter without {@code =} becomes {@code xxxxx} whole), and the fragment is left
     * out: {@code http://u:p@h:9100/metrics?token=t&module=m#f} is shown as
     * {@code http://xxxxx@h:9100/metrics?token=xxxxx&module=xxxxx}. Scheme, host, port and path stay. An
     * opaque URI (such as {@code guid:0}) is returned as it is.
     */
    public static String redacted(URI url) {
        if (url.isOpaque()) {
            return url.toString();
        }
        StringBuilder text = new StringBuilder();
        if (url.getScheme() != null) {
            text.append(url.getScheme()).append(':');
        }
        String authority = url.getRawAuthority();
        if (authority != null) {
            int at = authority.lastIndexOf('@');
            text.append("//").append(at < 0 ? "" : REDACTED + "@").append(authority.substring(at + 1));
        }
        if (url.getRawPath() != null) {
            text.append(url.getRawPath());
        }
        String query = url.getRawQuery();
        if (query != null) {
            text.append('?');
            String[] parameters = query.split("&", -1);
            for (int i = 0; i < parameters.length; i++) {
                int equals = parameters[i].indexOf('=');
                text.append(i == 0 ? "" : "&")
                        .append(equals < 0 ? REDACTED : parameters[i].substring(0, equals + 1) + REDACTED);
            }
        }
        return text.toString();
    }

    /**
     * The same for text that may be a URL, such as a static target's id (its URL): an absolute URL is
     * {@linkplain #redacted(URI) redacted}; other text is returned as it is.
     */
    public static String redacted(String text) {
        try {
            URI url = new URI(text);
            return url.isAbsolute() ? redacted(url) : text;
        } catch (URISyntaxException notAUrl) {
            return text;
        }
    }
}
