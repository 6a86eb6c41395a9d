package io.promregator.core.bcrypt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiDigitsTest {

    @Test
    void startsWithTheBlowfishPArray() {
        assertThat(PiDigits.words(0, 4)).containsExactly(0x243F6A88, 0x85A308D3, 0x13198A2E, 0x03707344);
        assertThat(PiDigits.word(17)).as("the last P word").isEqualTo(0x8979FB1B);
    }

    @Test
    void startsEachSBoxWithItsPublishedFirstWord() {
        assertThat(PiDigits.word(18)).isEqualTo(0xD1310BA6);
        assertThat(PiDigits.word(18 + 256)).isEqualTo(0x4B7A70E9);
        assertThat(PiDigits.word(18 + 512)).isEqualTo(0xE93D5A68);
        assertThat(PiDigits.word(18 + 768)).isEqualTo(0x3A39CE37);
    }

    @Test
    void endsWithTheLastWordOfTheFourthSBox() {
        assertThat(PiDigits.word(PiDigits.BLOWFISH_WORDS - 1)).isEqualTo(0x3AC372E6);
    }

    @Test
    void fewerWordsArePrefixesOfMore() {
        assertThat(PiDigits.compute(40)).containsExactly(PiDigits.words(0, 40));
    }
}
