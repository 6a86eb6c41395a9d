package io.promregator.core.bcrypt;

/**
 * Blowfish with bcrypt's expensive key schedule ("EksBlowfishSetup" in Provos and Mazières, 1999): the
 * state starts from the digits of pi, takes salt and key once, then {@code 2^cost} times the key and
 * the salt alone. Not thread-safe; one instance per hash computation.
 */
final class EksBlowfish {
    private static final int ROUNDS = 16;

    private final int[] p = PiDigits.words(0, 18);
    private final int[] s = PiDigits.words(18, 4 * 256);

    private EksBlowfish() {}

    /** The state after the expensive setup; {@code salt} is 16 bytes, {@code key} 1 to 72 bytes. */
    static EksBlowfish setup(int cost, byte[] salt, byte[] key) {
        EksBlowfish state = new EksBlowfish();
        state.expand(salt, key);
        long rounds = 1L << cost;
        for (long i = 0; i < rounds; i++) {
            state.expand(null, key);
            state.expand(null, salt);
        }
        return state;
    }

    /** Encrypts {@code words} in place, as 64-bit blocks of two words each (ECB). */
    void encrypt(int[] words) {
        int[] block = new int[2];
        for (int i = 0; i < words.length; i += 2) {
            block[0] = words[i];
            block[1] = words[i + 1];
            encipher(block);
            words[i] = block[0];
            words[i + 1] = block[1];
        }
    }

    /**
     * Blowfish's key expansion with bcrypt's salt: the P-array is XORed with the key (cycled), then every
     * P and S word is replaced by encrypting the running block XORed with the next salt words (cycled);
     * without salt, this is the plain Blowfish key schedule.
     */
    private void expand(byte[] salt, byte[] key) {
        int[] keyPosition = {0};
        for (int i = 0; i < p.length; i++) {
            p[i] ^= nextWord(key, keyPosition);
        }
        int[] saltPosition = {0};
        int[] block = new int[2];
        for (int i = 0; i < p.length; i += 2) {
            mix(block, salt, saltPosition);
            p[i] = block[0];
            p[i + 1] = block[1];
        }
        for (int i = 0; i < s.length; i += 2) {
            mix(block, salt, saltPosition);
            s[i] = block[0];
            s[i + 1] = block[1];
        }
    }

    private void mix(int[] block, byte[] salt, int[] saltPosition) {
        if (salt != null) {
            block[0] ^= nextWord(salt, saltPosition);
            block[1] ^= nextWord(salt, saltPosition);
        }
        encipher(block);
    }

    private void encipher(int[] block) {
        int left = block[0];
        int right = block[1];
        left ^= p[0];
        for (int i = 1; i <= ROUNDS; i += 2) {
            right ^= f(left) ^ p[i];
            left ^= f(right) ^ p[i + 1];
        }
        block[0] = right ^ p[ROUNDS + 1];
        block[1] = left;
    }

    private int f(int x) {
        return ((s[x >>> 24] + s[256 | ((x >>> 16) & 0xff)]) ^ s[512 | ((x >>> 8) & 0xff)]) + s[768 | (x & 0xff)];
    }

    /** The next four bytes of {@code data} as a big-endian word, wrapping around at its end. */
    private static int nextWord(byte[] data, int[] position) {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            word = (word << 8) | (data[position[0]] & 0xff);
            position[0] = (position[0] + 1) % data.length;
        }
        return word;
    }
}
