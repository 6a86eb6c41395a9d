package io.promregator.simulator;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request the simulated gorouter received, with the instance it went to.
 *
 * @param target the request target as sent: absolute ({@code http://host/path}) through the proxy, or a
 *     path when addressed by Host header
 * @param hostName the host the request was routed by, without port
 * @param headers the request headers, names in lower case
 * @param status the status answered (by the gorouter or the instance)
 * @param applicationId the app whose instance answered; empty when none did
 * @param instanceIndex the index of the instance that answered; -1 when none did
 */
public record GorouterRequest(
        String method,
        String target,
        String hostName,
        Map<String, List<String>> headers,
        int status,
        String applicationId,
        int instanceIndex) {

    public GorouterRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(hostName, "hostName");
        TreeMap<String, List<String>> copy = new TreeMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        applicationId = Objects.requireNonNullElse(applicationId, "");
    }

    /** The first value of a request header, by name ignoring case. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
