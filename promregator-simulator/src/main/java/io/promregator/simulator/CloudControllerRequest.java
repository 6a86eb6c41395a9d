package io.promregator.simulator;

import java.util.Objects;

/**
 * One request the simulated Cloud Controller received.
 *
 * @param path the raw path, e.g. {@code /v3/apps}
 * @param query the raw query string as sent (still percent-encoded); empty when none
 * @param status the status answered; 0 when the connection was closed without an answer
 */
public record CloudControllerRequest(String method, String path, String query, int status) {
    public CloudControllerRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = Objects.requireNonNullElse(query, "");
    }
}
