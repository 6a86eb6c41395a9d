package io.promregator.core.server;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The one reading of an {@code Authorization: Basic} header, whatever form the configured password takes
 * (RFC 7235 and RFC 7617): the scheme {@code Basic} in any case, one or more blanks (space or tab), then the
 * base64 of {@code user:password} in the standard alphabet, with or without its {@code =} padding and with no
 * blank inside; the user ends at the first colon. Blanks around the whole value are ignored. Anything else
 * is no credentials.
 */
final class BasicHeader {
    private static final String SCHEME = "Basic";

    /** The user and password of a header; {@link #clear()} overwrites both once checked. */
    record Credentials(byte[] user, byte[] password) {
        void clear() {
            Arrays.fill(user, (byte) 0);
            Arrays.fill(password, (byte) 0);
        }
    }

    private BasicHeader() {}

    /** The credentials in {@code authorization} (the header's value; may be null), if it holds Basic ones. */
    static Optional<Credentials> parse(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = stripBlanks(authorization);
        if (value.length() <= SCHEME.length()
                || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
                || !isBlank(value.charAt(SCHEME.length()))) {
            return Optional.empty();
        }
        String token = stripBlanks(value.substring(SCHEME.length()));
        for (int i = 0; i < token.length(); i++) {
            if (isBlank(token.charAt(i))) {
                return Optional.empty(); // a second parameter or a blank inside the base64
            }
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token); // padding is optional, other characters are refused
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = -1;
        for (int i = 0; i < decoded.length && colon < 0; i++) {
            if (decoded[i] == ':') {
                colon = i;
            }
        }
        if (colon < 0) {
            Arrays.fill(decoded, (byte) 0);
            return Optional.empty();
        }
        Credentials credentials = new Credentials(
                Arrays.copyOfRange(decoded, 0, colon), Arrays.copyOfRange(decoded, colon + 1, decoded.length));
        Arrays.fill(decoded, (byte) 0);
        return Optional.of(credentials);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String stripBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }
}
