package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the simulated UAA issued and the Cloud Controller accepts: access tokens live for the knobs'
 * token lifetime (read at issue time), refresh tokens for 30 days; the knobs can void both early.
 * Thread-safe.
 */
final class TokenStore {
    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);

    /** Who a token is for. {@code userName} is empty for client_credentials. */
    record Grant(String subject, String userName, String clientId, String grantType, List<String> scopes) {}

    /** What the token endpoint returns; {@code refreshToken} is empty for client_credentials. */
    record Issued(String accessToken, String refreshToken, long expiresInSeconds, String jti, List<String> scopes) {}

    private record Access(Instant expiresAt, int generation) {}

    private record Refresh(Grant grant, Instant expiresAt, int generation) {}

    private final Map<String, Access> access = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refresh = new ConcurrentHashMap<>();
    private final Jwt jwt = new Jwt();
    private final Clock clock;
    private final Knobs knobs;
    private final String issuer;

    TokenStore(Clock clock, Knobs knobs, String uaaUrl) {
        this.clock = clock;
        this.knobs = knobs;
        this.issuer = uaaUrl + "/oauth/token";
    }

    Issued issue(Grant grant, boolean withRefreshToken) {
        Instant now = clock.instant();
        Duration lifetime = knobs.tokenLifetime();
        Instant expiresAt = now.plus(lifetime);
        String jti = UUID.randomUUID().toString().replace("-", "");
        String token = jwt.sign(claims(grant, jti, now, expiresAt));
        forgetExpired(now);
        access.put(token, new Access(expiresAt, knobs.accessTokenGeneration()));
        String refreshToken = "";
        if (withRefreshToken) {
            refreshToken = jwt.sign(claims(grant, jti + "-r", now, now.plus(REFRESH_LIFETIME)));
            refresh.put(refreshToken, new Refresh(grant, now.plus(REFRESH_LIFETIME), knobs.refreshTokenGeneration()));
        }
        return new Issued(token, refreshToken, lifetime.toSeconds(), jti, grant.scopes());
    }

    private ObjectNode claims(Grant grant, String jti, Instant issuedAt, Instant expiresAt) {
        ObjectNode claims = Json.object();
        claims.put("jti", jti);
        claims.put("sub", grant.subject());
        ArrayNode scope = claims.putArray("scope");
        grant.scopes().forEach(scope::add);
        claims.put("client_id", grant.clientId());
        claims.put("cid", grant.clientId());
        claims.put("azp", grant.clientId());
        claims.put("grant_type", grant.grantType());
        if (!grant.userName().isEmpty()) {
            claims.put("user_id", grant.subject());
            claims.put("origin", "uaa");
            claims.put("user_name", grant.userName());
        }
        claims.put("iat", issuedAt.getEpochSecond());
        claims.put("exp", expiresAt.getEpochSecond());
        claims.put("iss", issuer);
        claims.put("zid", "uaa");
        claims.putArray("aud").add("cloud_controller").add(grant.clientId());
        return claims;
    }

    /** Whether the Cloud Controller accepts this access token: issued here, not expired, not voided. */
    boolean isValidAccessToken(String token) {
        Access entry = access.get(token);
        return entry != null
                && entry.generation() == knobs.accessTokenGeneration()
                && clock.instant().isBefore(entry.expiresAt());
    }

    /** The grant behind a valid refresh token issued to this client. */
    Optional<Grant> refresh(String refreshToken, String clientId) {
        Refresh entry = refresh.get(refreshToken);
        if (entry == null
                || entry.generation() != knobs.refreshTokenGeneration()
                || !clock.instant().isBefore(entry.expiresAt())
                || !entry.grant().clientId().equals(clientId)) {
            return Optional.empty();
        }
        return Optional.of(entry.grant());
    }

    private void forgetExpired(Instant now) {
        if (access.size() > 1000) {
            access.values().removeIf(a -> !now.isBefore(a.expiresAt()));
        }
    }
}
