package io.promregator.core.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks an {@code Authorization: Basic} header against the configured user and a bcrypt hash of the
 * password. bcrypt is slow on purpose (tens of milliseconds at cost 10) and a scraper sends the same
 * header every few seconds, so the SHA-256 digests of the last {@value #REMEMBERED} headers that passed
 * are remembered and pass again without bcrypt; a header that failed is never remembered. One bcrypt runs
 * at a time, so a flood of wrong passwords takes at most one core. Thread-safe.
 */
final class BcryptCredentials {
    static final int REMEMBERED = 16;

    private final byte[] username;
    private final Predicate<byte[]> passwordCheck;
    private final Object bcryptLock = new Object();
    private final Map<String, Boolean> passed = new LinkedHashMap<>(REMEMBERED, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** {@code passwordCheck} is {@code BcryptHash::matches}; tests count its calls. */
    BcryptCredentials(String username, Predicate<byte[]> passwordCheck) {
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.passwordCheck = passwordCheck;
    }

    /** Whether {@code authorization} (the header's value, trimmed; may be null) names the user and password. */
    boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String digest = sha256(authorization);
        synchronized (passed) {
            if (passed.get(digest) != null) {
                return true;
            }
        }
        if (!verify(authorization)) {
            return false;
        }
        synchronized (passed) {
            passed.put(digest, Boolean.TRUE);
        }
        return true;
    }

    /** How many headers are remembered as passed; for tests. */
    int remembered() {
        synchronized (passed) {
            return passed.size();
        }
    }

    private boolean verify(String authorization) {
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Basic")) {
            return false;
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder()
                    .decode(authorization.substring(space + 1).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = indexOf(decoded, (byte) ':');
        if (colon < 0) {
            return false;
        }
        byte[] user = Arrays.copyOfRange(decoded, 0, colon);
        byte[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
        boolean userMatches = MessageDigest.isEqual(user, username);
        boolean passwordMatches;
        synchronized (bcryptLock) {
            // Also for a wrong user, so that the time taken does not tell whether the user exists.
            passwordMatches = passwordCheck.test(password);
        }
        Arrays.fill(decoded, (byte) 0);
        Arrays.fill(password, (byte) 0);
        return userMatches & passwordMatches;
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
