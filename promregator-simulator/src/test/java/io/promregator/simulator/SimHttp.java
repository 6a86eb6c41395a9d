package io.promregator.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Real HTTP against a simulator with the JDK client: token requests, authenticated GETs, JSON bodies. */
public final class SimHttp {
    public static final String CF_CLIENT_BASIC = "Basic Y2Y6";
    static final ObjectMapper MAPPER = new ObjectMapper();

    private final CfSimulator sim;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public SimHttp(CfSimulator sim) {
        this.sim = sim;
    }

    /** An access token for the user, by password grant with the {@code cf} client. */
    public String token(String username, String password) {
        HttpResponse<String> response = postToken(
                CF_CLIENT_BASIC, Map.of("grant_type", "password", "username", username, "password", password));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed: " + response.body());
        }
        return json(response).get("access_token").asText();
    }

    public HttpResponse<String> postToken(String authorization, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.apiUrl() + "/uaa/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    /** GET of a path below the API URL, or of an absolute URL, with a bearer token (none when null). */
    public HttpResponse<String> get(String pathOrUrl, String token) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(sim.apiUrl() + pathOrUrl);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (token != null) {
            request.header("Authorization", "bearer " + token);
        }
        return send(request.build());
    }

    /** GET that must answer 200, as JSON. */
    public JsonNode getJson(String pathOrUrl, String token) {
        HttpResponse<String> response = get(pathOrUrl, token);
        if (response.statusCode() != 200) {
            throw new AssertionError(
                    "GET " + pathOrUrl + " answered " + response.statusCode() + ": " + response.body());
        }
        return json(response);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
