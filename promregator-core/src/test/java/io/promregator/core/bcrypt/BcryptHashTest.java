package io.promregator.core.bcrypt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers made with an independent implementation, libxcrypt 4.4.33 (Debian's libcrypt1, Solar
 * Designer's crypt_blowfish) through Python 3.11's {@code crypt} module, on a random salt each:
 * {@code python3 -c 'import crypt; print(crypt.crypt(password, "$2b$04$" + salt))'}, the salt from
 * {@code crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=2**cost)} with its prefix swapped for $2a$ or $2y$.
 */
class BcryptHashTest {
    private static final String LONG = "0123456789".repeat(10);
    private static final String LONG_HASH = "$2b$04$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehS";
    private static final String COST_10_HASH = "$2b$10$PoeAyqVMCYYQX3DuIJURkOs0zT0shbB4VyPaQma/x.Dt6NbcsJNI.";

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            password                        | $2b$04$f69KbJVvBkiWvb4N.ai6g.MhEFMJlythp5yoa9xexyLS7Wn/dQDQ6
            password                        | $2a$04$uO15T2J7lJa4MYHNzSSvr.T4FOModILJROIdZ1/CPjaQS2D7bp.jS
            correct horse battery staple    | $2y$04$3Hc0.aDryMYVZ7Iu9UCxDeSlTNbz5mHuwEv05hWEC0WEepeHFnz5S
            ''                              | $2b$04$Kh3l4X8ed9YOVn9/GrdVCepquuM0Yk1HDrjlPBiS18GranLLSSy2O
            pä:ss wörd ✓ パス                | $2b$04$sPaN3ft/3hyX3MKZvLyzPO0ZXdcSDvfbmMqnucdulWEMW/mhIlF2C
            pä:ss wörd ✓ パス                | $2a$04$Jr/6tmP4QJudFkYaPmUdIOjI3D7MK/VTClXMKn79Juve6C.a2mzpe
            pa:ss wörd                      | $2y$04$yoxou3keoQUdpRHYuVXwhO7yaDDFctzwiopQtfIYJUEmFQEiO0rne
            xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx | $2b$05$2gMg4vWhssxJsJA.BdGVJ.7lH04yfQhaPViJRTlYyGHgGfeipcFzW
            """)
    void computesTheKnownHash(String password, String hash) {
        BcryptHash parsed = BcryptHash.parse(hash);

        assertThat(parsed.rehash(utf8(password))).isEqualTo(hash);
        assertThat(parsed.matches(utf8(password))).isTrue();
        assertThat(parsed.matches(utf8(password + "x"))).isFalse();
    }

    @Test
    void computesTheKnownHashAtCost10() {
        BcryptHash parsed = BcryptHash.parse(COST_10_HASH);

        assertThat(parsed.cost()).isEqualTo(10);
        assertThat(parsed.matches(utf8("prometheus"))).isTrue();
    }

    @Test
    void rejectsAWrongPassword() {
        BcryptHash parsed = BcryptHash.parse("$2b$04$f69KbJVvBkiWvb4N.ai6g.MhEFMJlythp5yoa9xexyLS7Wn/dQDQ6");

        assertThat(parsed.matches(utf8("Password"))).isFalse();
        assertThat(parsed.matches(utf8("passwor"))).isFalse();
        assertThat(parsed.matches(utf8(""))).isFalse();
    }

    @Test
    void usesOnlyTheFirst72BytesOfALongPassword() {
        BcryptHash parsed = BcryptHash.parse(LONG_HASH);

        assertThat(parsed.matches(utf8(LONG))).isTrue();
        assertThat(parsed.matches(utf8(LONG.substring(0, 72)))).isTrue();
        assertThat(parsed.matches(utf8(LONG.substring(0, 72) + "anything"))).isTrue();
        assertThat(parsed.matches(utf8(LONG.substring(0, 71)))).isFalse();
    }

    @Test
    void readsEveryPrefixAndTheCost() {
        assertThat(BcryptHash.looksLikeBcrypt("$2a$")).isTrue();
        assertThat(BcryptHash.looksLikeBcrypt("$2b$10$...")).isTrue();
        assertThat(BcryptHash.looksLikeBcrypt("$2y$")).isTrue();
        assertThat(BcryptHash.looksLikeBcrypt("$2x$10$")).isFalse();
        assertThat(BcryptHash.looksLikeBcrypt("secret")).isFalse();
        assertThat(BcryptHash.parse(LONG_HASH).cost()).isEqualTo(4);
        assertThat(BcryptHash.parse(LONG_HASH)).hasToString("BcryptHash[$2b$, cost 4]");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            $2x$04$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehS  | a bcrypt hash must start with $2a$, $2b$ or $2y$
            $2b$04$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5eh   | a bcrypt hash has 60 characters, found 59
            $2b$04$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehSS | a bcrypt hash has 60 characters, found 61
            $2b$03$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehS  | the cost (characters 5 and 6) must be two digits from 04 to 31
            $2b$32$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehS  | the cost (characters 5 and 6) must be two digits from 04 to 31
            $2b$4$$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehS  | the cost (characters 5 and 6) must be two digits from 04 to 31
            $2b$04.qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehS  | character 7 must be $, after the cost
            $2b$04$qiEEQSDcu+VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5ehS  | character 17 is not in bcrypt's base64 alphabet ./A-Za-z0-9 (salt and hash are 53 such characters)
            $2b$04$qiEEQSDcu.VOCLd7si3FgO6Wjl8VEXBhOax9ecLsdlhrjAwAb5eh=  | character 60 is not in bcrypt's base64 alphabet ./A-Za-z0-9 (salt and hash are 53 such characters)
            """)
    void rejectsAMalformedHashSayingWhatIsWrong(String hash, String message) {
        assertThatThrownBy(() -> BcryptHash.parse(hash))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
        assertThat(BcryptHash.isWellFormed(hash)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> BcryptHash.parse(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a bcrypt hash is required, found null");
    }
}
