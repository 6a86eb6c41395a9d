package io.promregator.core.bcrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;

/**
 * A bcrypt hash in the modular crypt form {@code $2b$10$} + 22 characters of salt + 31 characters of
 * hash (60 in all, bcrypt's base64 alphabet {@code ./A-Za-z0-9}), as {@code htpasswd -B} and the
 * Prometheus exporters' web config use. {@code $2a$}, {@code $2b$} and {@code $2y$} are computed alike,
 * as modern implementations do: the key is the password's bytes and a NUL, cut at 72 bytes. Immutable
 * and thread-safe; {@link #toString()} shows neither salt nor hash.
 */
public final class BcryptHash {
    /** The prefixes that mark a bcrypt hash. */
    public static final List<String> PREFIXES = List.of("$2a$", "$2b$", "$2y$");

    public static final int MIN_COST = 4;
    public static final int MAX_COST = 31;
    public static final int LENGTH = 60;

    /** What follows the prefix of a bcrypt hash, for messages. */
    public static final String FORM = "that prefix, a two-digit cost from 04 to 31, $, then 53 characters of"
            + " ./A-Za-z0-9 (60 characters in all)";

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 23;
    private static final int SALT_START = 7;
    private static final int HASH_START = SALT_START + 22;
    private static final int MAX_KEY_BYTES = 72;
    private static final byte[] MAGIC = "OrpheanBeholderScryDoubt".getBytes(StandardCharsets.US_ASCII);

    private final String prefix;
    private final int cost;
    private final byte[] salt;
    private final byte[] hash;

    private BcryptHash(String prefix, int cost, byte[] salt, byte[] hash) {
        this.prefix = prefix;
        this.cost = cost;
        this.salt = salt;
        this.hash = hash;
    }

    /** Whether {@code text} starts like a bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}). */
    public static boolean looksLikeBcrypt(String text) {
        return text != null && PREFIXES.stream().anyMatch(text::startsWith);
    }

    /** Whether {@code text} is a well-formed bcrypt hash. */
    public static boolean isWellFormed(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Reads a hash.
     *
     * @throws IllegalArgumentException naming what is wrong (prefix, length, cost, separator, alphabet);
     *     the message never repeats the hash
     */
    public static BcryptHash parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a bcrypt hash is required, found null");
        }
        if (!looksLikeBcrypt(text)) {
            throw new IllegalArgumentException("a bcrypt hash must start with $2a$, $2b$ or $2y$");
        }
        if (text.length() != LENGTH) {
            throw new IllegalArgumentException("a bcrypt hash has " + LENGTH + " characters, found " + text.length());
        }
        int cost = cost(text.charAt(4), text.charAt(5));
        if (cost < MIN_COST || cost > MAX_COST) {
            throw new IllegalArgumentException("the cost (characters 5 and 6) must be two digits from 04 to 31");
        }
        if (text.charAt(6) != '$') {
            throw new IllegalArgumentException("character 7 must be $, after the cost");
        }
        for (int i = SALT_START; i < LENGTH; i++) {
            if (!BcryptBase64.isDigit(text.charAt(i))) {
                throw new IllegalArgumentException("character " + (i + 1)
                        + " is not in bcrypt's base64 alphabet ./A-Za-z0-9 (salt and hash are 53 such characters)");
            }
        }
        return new BcryptHash(
                text.substring(0, 4),
                cost,
                BcryptBase64.decode(text.substring(SALT_START, HASH_START), SALT_BYTES),
                BcryptBase64.decode(text.substring(HASH_START), HASH_BYTES));
    }

    /** {@code 2^cost} is the number of rounds of the expensive key schedule. */
    public int cost() {
        return cost;
    }

    /** Whether {@code password} (its bytes as given, usually UTF-8) hashes to this hash; constant-time compare. */
    public boolean matches(byte[] password) {
        return MessageDigest.isEqual(compute(password), hash);
    }

    /** The hash of {@code password} with this hash's prefix, cost and salt, in the 60-character form. */
    String rehash(byte[] password) {
        return prefix + (cost < 10 ? "0" : "") + cost + "$" + BcryptBase64.encode(salt)
                + BcryptBase64.encode(compute(password));
    }

    private byte[] compute(byte[] password) {
        byte[] key = Arrays.copyOf(password, Math.min(password.length + 1, MAX_KEY_BYTES));
        EksBlowfish state = EksBlowfish.setup(cost, salt, key);
        int[] words = new int[MAGIC.length / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = ((MAGIC[4 * i] & 0xff) << 24)
                    | ((MAGIC[4 * i + 1] & 0xff) << 16)
                    | ((MAGIC[4 * i + 2] & 0xff) << 8)
                    | (MAGIC[4 * i + 3] & 0xff);
        }
        for (int i = 0; i < 64; i++) {
            state.encrypt(words);
        }
        byte[] out = new byte[HASH_BYTES];
        for (int i = 0; i < HASH_BYTES; i++) {
            out[i] = (byte) (words[i / 4] >>> (24 - 8 * (i % 4)));
        }
        Arrays.fill(key, (byte) 0);
        return out;
    }

    private static int cost(char tens, char units) {
        if (tens < '0' || tens > '9' || units < '0' || units > '9') {
            return -1;
        }
        return (tens - '0') * 10 + (units - '0');
    }

    @Override
    public String toString() {
        return "BcryptHash[" + prefix + ", cost " + cost + "]";
    }
}
