package io.promregator.core.cf.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.promregator.core.cf.CfError;
import io.promregator.core.cf.CloudControllerException;
import io.promregator.core.cf.client.RetryingTransport.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads response bodies as JSON trees, whatever their content type says (the Cloud Controller sends its
 * 429 JSON as {@code text/plain}), and turns failed responses into {@link CloudControllerException}s.
 */
final class JsonBodies {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int SNIPPET = 200;

    private JsonBodies() {}

    /** The body of a successful response; a body that is not JSON fails the request. */
    static JsonNode parse(Response response, String description) {
        try {
            JsonNode node = MAPPER.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new CloudControllerException(
                        description, response.status(), List.of(), "answered with something other than a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new CloudControllerException(
                    description,
                    response.status(),
                    List.of(),
                    "answered with a body that is not JSON: " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new CloudControllerException(
                    description, response.status(), List.of(), "answered with an unreadable body", e);
        }
    }

    /** The body as JSON, or a missing node when it is empty or not JSON. */
    static JsonNode lenient(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** A Cloud Controller error body's {@code errors[]}; empty when there is none. */
    static List<CfError> errors(byte[] body) {
        List<CfError> errors = new ArrayList<>();
        for (JsonNode error : lenient(body).path("errors")) {
            errors.add(new CfError(
                    error.path("code").asInt(0),
                    error.path("title").asText(""),
                    error.path("detail").asText("")));
        }
        return errors;
    }

    /** A UAA (OAuth2) error body as one {@link CfError} with code 0: {@code error} as title, its description as detail. */
    static List<CfError> uaaErrors(byte[] body) {
        JsonNode node = lenient(body);
        if (!node.path("error").isTextual()) {
            return List.of();
        }
        return List.of(new CfError(
                0, node.path("error").asText(), node.path("error_description").asText("")));
    }

    /** The exception for a Cloud Controller response that is not 2xx. */
    static CloudControllerException ccFailure(Response response, String description) {
        List<CfError> errors = errors(response.body());
        return new CloudControllerException(
                description, response.status(), errors, statusText(response, errors.isEmpty()));
    }

    /** The exception for a UAA response that is not 2xx; only an OAuth2 error body is quoted. */
    static CloudControllerException uaaFailure(Response response, String description) {
        List<CfError> errors = uaaErrors(response.body());
        return new CloudControllerException(description, response.status(), errors, statusText(response, false));
    }

    private static String statusText(Response response, boolean withBody) {
        StringBuilder text = new StringBuilder("answered HTTP ").append(response.status());
        response.header("Retry-After")
                .ifPresent(value ->
                        text.append(" (Retry-After: ").append(snippet(value)).append(')'));
        if (withBody && response.body().length > 0) {
            text.append(": ").append(snippet(response.text()));
        }
        return text.toString();
    }

    private static String snippet(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET) + "...";
    }
}
