package io.promregator.core.bcrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BcryptBase64Test {

    @Test
    void encodesWithItsOwnAlphabetMostSignificantBitsFirst() {
        assertThat(BcryptBase64.encode(new byte[] {0, 0, 0})).isEqualTo("....");
        assertThat(BcryptBase64.encode(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}))
                .isEqualTo("9999");
        assertThat(BcryptBase64.encode(new byte[] {0x04})).isEqualTo("/.");
    }

    @Test
    void decodesWhatItEncodes() {
        byte[] bytes = new byte[23];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 37 + 11);
        }
        String text = BcryptBase64.encode(bytes);

        assertThat(text).hasSize(31);
        assertThat(BcryptBase64.decode(text, 23)).containsExactly(bytes);
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        assertThatThrownBy(() -> BcryptBase64.decode("ab+d", 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("character 3 is not one of ./A-Za-z0-9");
    }
}
