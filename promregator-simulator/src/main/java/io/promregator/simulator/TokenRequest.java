package io.promregator.simulator;

import java.util.Objects;

/**
 * One request to the simulated UAA's token endpoint.
 *
 * @param grantType the {@code grant_type} form field; empty when missing
 * @param clientId the client that authenticated (Basic header or form); empty when none
 * @param status the status answered
 */
public record TokenRequest(String grantType, String clientId, int status) {
    public TokenRequest {
        grantType = Objects.requireNonNullElse(grantType, "");
        clientId = Objects.requireNonNullElse(clientId, "");
    }
}
