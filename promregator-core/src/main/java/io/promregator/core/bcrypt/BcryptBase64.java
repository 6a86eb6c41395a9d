package io.promregator.core.bcrypt;

/**
 * bcrypt's own base64: the alphabet {@code ./A-Za-z0-9} (not RFC 4648's), most significant bits first, no
 * padding. 16 salt bytes take 22 characters, 23 hash bytes take 31; bits left over in the last character
 * are ignored when decoding.
 */
final class BcryptBase64 {
    static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static final int[] VALUES = new int[128];

    static {
        java.util.Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUES[ALPHABET.charAt(i)] = i;
        }
    }

    private BcryptBase64() {}

    /** Whether {@code c} is one of the 64 characters of the alphabet. */
    static boolean isDigit(char c) {
        return c < VALUES.length && VALUES[c] >= 0;
    }

    /** The first {@code length} bytes held by {@code text}, which must hold enough alphabet characters. */
    static byte[] decode(CharSequence text, int length) {
        byte[] out = new byte[length];
        int buffer = 0;
        int buffered = 0;
        int written = 0;
        for (int i = 0; written < length; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                throw new IllegalArgumentException("character " + (i + 1) + " is not one of ./A-Za-z0-9");
            }
            buffer = (buffer << 6) | VALUES[c];
            buffered += 6;
            if (buffered >= 8) {
                buffered -= 8;
                out[written++] = (byte) (buffer >>> buffered);
                buffer &= (1 << buffered) - 1;
            }
        }
        return out;
    }

    /** {@code bytes} in as few characters as hold them: {@code ceil(8 * n / 6)}. */
    static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 5) / 6);
        int buffer = 0;
        int buffered = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            buffered += 8;
            while (buffered >= 6) {
                buffered -= 6;
                out.append(ALPHABET.charAt((buffer >>> buffered) & 0x3f));
            }
            buffer &= (1 << buffered) - 1;
        }
        if (buffered > 0) {
            out.append(ALPHABET.charAt((buffer << (6 - buffered)) & 0x3f));
        }
        return out.toString();
    }
}
