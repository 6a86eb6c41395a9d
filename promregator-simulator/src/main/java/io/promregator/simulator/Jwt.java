package io.promregator.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens that look like UAA's: three base64url parts (header, claims, HMAC-SHA256 signature with a key
 * made up per simulator). Nothing outside the simulator can verify them, and nothing needs to.
 */
final class Jwt {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final byte[] key = new byte[32];

    Jwt() {
        new SecureRandom().nextBytes(key);
    }

    String sign(ObjectNode claims) {
        ObjectNode header =
                Json.object().put("alg", "HS256").put("kid", "cf-simulator").put("typ", "JWT");
        String unsigned =
                BASE64URL.encodeToString(Json.bytes(header)) + "." + BASE64URL.encodeToString(Json.bytes(claims));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + BASE64URL.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
