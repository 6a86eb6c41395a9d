package io.promregator.core.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Checks {@link BasicHeader} credentials against the configured user and a bcrypt hash of the password.
 * bcrypt is slow on purpose (tens of milliseconds at cost 10) and a scraper sends the same credentials every
 * few seconds, so the SHA-256 digests of the last {@value #REMEMBERED} credentials that passed, and of the
 * last {@value #REMEMBERED} that failed, are remembered and decide again without bcrypt (the hash does not
 * change while the server runs). One bcrypt check runs at a time, on the worker of the request that needs
 * it; a request with the same credentials meanwhile waits for that check, and a request with other,
 * unknown credentials is answered {@link Verdict#BUSY} at once instead of waiting. So a flood of wrong
 * passwords holds at most one worker and one core, and everyone else, above all a scraper whose credentials
 * are remembered, is answered as usual. Thread-safe.
 */
final class BcryptCredentials {
    static final int REMEMBERED = 16;

    /** What a check decided. */
    enum Verdict {
        ACCEPTED,
        REFUSED,
        /** Unknown credentials while another bcrypt check runs: not checked; try again shortly. */
        BUSY
    }

    private final byte[] username;
    private final Predicate<byte[]> passwordCheck;
    private final Map<String, Boolean> known = new LinkedHashMap<>(2 * REMEMBERED, 0.75f, true);
    private int knownPassed;
    private int knownFailed;
    private String running; // the digest being checked by bcrypt, if any
    private CompletableFuture<Boolean> runningResult;

    /** {@code passwordCheck} is {@code BcryptHash::matches}; tests count its calls. */
    BcryptCredentials(String username, Predicate<byte[]> passwordCheck) {
        this.username = username.getBytes(StandardCharsets.UTF_8);
        this.passwordCheck = passwordCheck;
    }

    /** Whether {@code authorization} (the header's value; may be null) names the user and password. */
    boolean accepts(String authorization) {
        return check(authorization) == Verdict.ACCEPTED;
    }

    /** The verdict on {@code authorization} (the header's value; may be null). */
    Verdict check(String authorization) {
        Optional<BasicHeader.Credentials> parsed = BasicHeader.parse(authorization);
        if (parsed.isEmpty()) {
            return Verdict.REFUSED;
        }
        BasicHeader.Credentials credentials = parsed.get();
        try {
            String digest = sha256(credentials);
            CompletableFuture<Boolean> other;
            synchronized (this) {
                Boolean remembered = known.get(digest);
                if (remembered != null) {
                    return remembered ? Verdict.ACCEPTED : Verdict.REFUSED;
                }
                if (running != null && !running.equals(digest)) {
                    return Verdict.BUSY;
                }
                other = running == null ? null : runningResult;
                if (other == null) {
                    running = digest;
                    runningResult = new CompletableFuture<>();
                }
            }
            if (other != null) {
                return other.join() ? Verdict.ACCEPTED : Verdict.REFUSED;
            }
            boolean passed = false;
            try {
                passed = verify(credentials);
            } finally {
                CompletableFuture<Boolean> result;
                synchronized (this) {
                    remember(digest, passed);
                    result = runningResult;
                    running = null;
                    runningResult = null;
                }
                result.complete(passed);
            }
            return passed ? Verdict.ACCEPTED : Verdict.REFUSED;
        } finally {
            credentials.clear();
        }
    }

    /** How many credentials are remembered as passed; for tests. */
    synchronized int remembered() {
        return knownPassed;
    }

    /** How many credentials are remembered as failed; for tests. */
    synchronized int rememberedFailures() {
        return knownFailed;
    }

    private boolean verify(BasicHeader.Credentials credentials) {
        boolean userMatches = MessageDigest.isEqual(credentials.user(), username);
        // Also for a wrong user, so that the time taken does not tell whether the user exists.
        boolean passwordMatches = passwordCheck.test(credentials.password());
        return userMatches & passwordMatches;
    }

    /** Keeps the verdict, dropping the least recently used one of its kind past {@value #REMEMBERED}. */
    private void remember(String digest, boolean passed) {
        if (known.put(digest, passed) == null) {
            if (passed) {
                knownPassed++;
            } else {
                knownFailed++;
            }
        }
        if ((passed ? knownPassed : knownFailed) > REMEMBERED) {
            for (var entry = known.entrySet().iterator(); entry.hasNext(); ) {
                if (entry.next().getValue() == passed) {
                    entry.remove();
                    if (passed) {
                        knownPassed--;
                    } else {
                        knownFailed--;
                    }
                    break;
                }
            }
        }
    }

    private static String sha256(BasicHeader.Credentials credentials) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(credentials.user());
            sha.update((byte) ':');
            sha.update(credentials.password());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
