package io.promregator.core.bcrypt;

import java.math.BigInteger;

/**
 * The hexadecimal fraction digits of pi as 32-bit words, which Blowfish takes as its initial P-array (the
 * first 18 words) and S-boxes (the next 4 × 256). Computed once, when the class is first used, by Machin's
 * formula {@code pi = 16 atan(1/5) - 4 atan(1/239)} in binary fixed point with guard bits, so that no
 * table of 8,336 digits has to be carried in the source.
 */
final class PiDigits {
    /** Words Blowfish needs: 18 for the P-array and 1,024 for the S-boxes. */
    static final int BLOWFISH_WORDS = 18 + 4 * 256;

    /** Extra bits carried below the last wanted one; each series term truncates by less than one unit. */
    private static final int GUARD_BITS = 64;

    private static final int[] WORDS = compute(BLOWFISH_WORDS);

    private PiDigits() {}

    /** Word {@code index} of the fraction: 0 is {@code 0x243F6A88}, the digits right after "3.". */
    static int word(int index) {
        return WORDS[index];
    }

    /** A copy of {@code count} words starting at {@code from}. */
    static int[] words(int from, int count) {
        int[] copy = new int[count];
        System.arraycopy(WORDS, from, copy, 0, count);
        return copy;
    }

    /** The first {@code count} 32-bit words of pi's binary fraction. */
    static int[] compute(int count) {
        int fractionBits = 32 * count;
        int bits = fractionBits + GUARD_BITS;
        BigInteger pi = arctanOfInverse(5, bits)
                .shiftLeft(4)
                .subtract(arctanOfInverse(239, bits).shiftLeft(2));
        BigInteger fraction = pi.shiftRight(GUARD_BITS);
        int[] words = new int[count];
        for (int i = 0; i < count; i++) {
            words[i] = fraction.shiftRight(fractionBits - 32 * (i + 1)).intValue();
        }
        return words;
    }

    /** {@code atan(1/x) * 2^bits}, truncated, from {@code sum (-1)^k / ((2k+1) x^(2k+1))}. */
    private static BigInteger arctanOfInverse(int x, int bits) {
        BigInteger power = BigInteger.ONE.shiftLeft(bits).divide(BigInteger.valueOf(x));
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger sum = power;
        for (long k = 1; power.signum() != 0; k++) {
            power = power.divide(xSquared);
            BigInteger term = power.divide(BigInteger.valueOf(2 * k + 1));
            sum = (k % 2 == 0) ? sum.add(term) : sum.subtract(term);
        }
        return sum;
    }
}
