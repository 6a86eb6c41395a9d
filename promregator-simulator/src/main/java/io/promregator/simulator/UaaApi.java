package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated UAA token endpoint, {@code POST {login|uaa}/oauth/token} with a form body: password grant
 * (client {@code cf} with an empty secret, or any configured client), client_credentials (configured
 * clients only, no refresh token) and refresh_token. Client authentication by Basic header or by
 * {@code client_id}/{@code client_secret} form fields. Errors in OAuth2 shape.
 */
final class UaaApi implements HttpHandler {
    private static final Logger logger = LoggerFactory.getLogger(UaaApi.class);
    static final String CF_CLIENT = "cf";
    private static final List<String> USER_SCOPES =
            List.of("cloud_controller.read", "cloud_controller.write", "openid", "password.write", "scim.userids");
    private static final List<String> CLIENT_SCOPES = List.of("cloud_controller.read");

    private record Client(String id, String secret) {}

    private final Map<String, String> users;
    private final Map<String, String> clients;
    private final TokenStore tokens;
    private final RequestLog log;

    /**
     * @param users password grant users, name to password
     * @param clients configured clients, id to secret; {@code cf} with an empty secret is always there
     */
    UaaApi(Map<String, String> users, Map<String, String> clients, TokenStore tokens, RequestLog log) {
        this.users = Map.copyOf(users);
        this.clients = Map.copyOf(clients);
        this.tokens = tokens;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/uaa/oauth/token") && !path.equals("/login/oauth/token")) {
                error(404, "not_found", "Not Found").send(exchange);
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                error(
                                405,
                                "method_not_allowed",
                                "Request method '" + exchange.getRequestMethod() + "' is not supported")
                        .send(exchange);
                return;
            }
            Map<String, String> form = form(exchange.getRequestBody());
            Optional<Client> client = client(exchange.getRequestHeaders().getFirst("Authorization"), form);
            Reply reply = token(client, form);
            log.record(new TokenRequest(
                    form.get("grant_type"), client.map(Client::id).orElse(""), reply.status()));
            reply.withHeader("Cache-Control", "no-store")
                    .withHeader("Pragma", "no-cache")
                    .send(exchange);
        } catch (IOException e) {
            logger.debug("Client went away: {}", e.toString());
        }
    }

    private static Map<String, String> form(InputStream body) throws IOException {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        try {
            return QueryString.parse(text);
        } catch (IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static Optional<Client> client(String authorization, Map<String, String> form) {
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon >= 0) {
                    return Optional.of(new Client(decoded.substring(0, colon), decoded.substring(colon + 1)));
                }
            } catch (IllegalArgumentException e) {
                // not base64: no client
            }
            return Optional.empty();
        }
        String id = form.get("client_id");
        return id == null ? Optional.empty() : Optional.of(new Client(id, form.getOrDefault("client_secret", "")));
    }

    private Reply token(Optional<Client> presented, Map<String, String> form) {
        if (presented.isEmpty()) {
            return error(401, "unauthorized", "Full authentication is required to access this resource");
        }
        Client client = presented.get();
        boolean cf = client.id().equals(CF_CLIENT) && client.secret().isEmpty();
        if (!cf && !client.secret().equals(clients.get(client.id()))) {
            return error(401, "invalid_client", "Bad credentials")
                    .withHeader(
                            "WWW-Authenticate",
                            "Basic realm=\"UAA/client\", error=\"unauthorized\", error_description=\"Bad credentials\"");
        }
        String grantType = form.getOrDefault("grant_type", "");
        return switch (grantType) {
            case "password" -> password(client, form);
            case "client_credentials" ->
                cf
                        ? error(401, "invalid_client", "Unauthorized grant type: client_credentials")
                        : success(tokens.issue(
                                new TokenStore.Grant(client.id(), "", client.id(), grantType, CLIENT_SCOPES), false));
            case "refresh_token" -> refresh(client, form.getOrDefault("refresh_token", ""));
            case "" -> error(400, "invalid_request", "Missing grant type");
            default -> error(400, "unsupported_grant_type", "Unsupported grant type: " + grantType);
        };
    }

    private Reply password(Client client, Map<String, String> form) {
        String username = form.getOrDefault("username", "");
        String password = form.get("password");
        if (password == null || !password.equals(users.get(username))) {
            return error(401, "unauthorized", "Bad credentials");
        }
        String subject = Guids.of("user", username);
        return success(
                tokens.issue(new TokenStore.Grant(subject, username, client.id(), "password", USER_SCOPES), true));
    }

    private Reply refresh(Client client, String refreshToken) {
        return tokens.refresh(refreshToken, client.id())
                .map(grant -> success(tokens.issue(grant, false), refreshToken))
                .orElseGet(() -> error(401, "invalid_token", "Invalid refresh token"));
    }

    private static Reply success(TokenStore.Issued issued) {
        return success(issued, issued.refreshToken());
    }

    private static Reply success(TokenStore.Issued issued, String refreshToken) {
        ObjectNode body = Json.object();
        body.put("access_token", issued.accessToken());
        body.put("token_type", "bearer");
        if (!refreshToken.isEmpty()) {
            body.put("refresh_token", refreshToken);
        }
        body.put("expires_in", issued.expiresInSeconds());
        body.put("scope", String.join(" ", issued.scopes()));
        body.put("jti", issued.jti());
        return Reply.json(200, body);
    }

    private static Reply error(int status, String error, String description) {
        return Reply.json(status, Json.object().put("error", error).put("error_description", description));
    }
}
