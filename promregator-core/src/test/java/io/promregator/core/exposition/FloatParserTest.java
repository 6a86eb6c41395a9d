package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatParserTest {
    private static double parse(String text, int flags) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return FloatParser.parse(bytes, 0, bytes.length, flags);
    }

    @Test
    void readsDecimalsExactlyAsTheJdkDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 50_000; i++) {
            String text = switch (i % 5) {
                case 0 -> Double.toString(Double.longBitsToDouble(random.nextLong()));
                case 1 -> Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
                case 2 -> String.format(Locale.ROOT, "%." + random.nextInt(17) + "e", random.nextGaussian() * 1e6);
                case 3 -> Long.toString(random.nextLong() >> random.nextInt(64));
                default -> randomDigits(random);
            };
            if (text.contains("Infinity") || text.contains("NaN")) {
                continue;
            }
            assertThat(Double.doubleToRawLongBits(parse(text, 0)))
                    .as(text)
                    .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
        }
    }

    private static String randomDigits(Random random) {
        StringBuilder sb = new StringBuilder(random.nextBoolean() ? "-" : "");
        int integerDigits = random.nextInt(20);
        int fractionDigits = random.nextInt(20);
        for (int i = 0; i < integerDigits; i++) {
            sb.append((char) ('0' + random.nextInt(10)));
        }
        if (integerDigits == 0 || fractionDigits > 0 || random.nextBoolean()) {
            sb.append('.');
            for (int i = 0; i < Math.max(fractionDigits, integerDigits == 0 ? 1 : 0); i++) {
                sb.append((char) ('0' + random.nextInt(10)));
            }
        }
        if (random.nextBoolean()) {
            sb.append(random.nextBoolean() ? 'e' : 'E').append(random.nextInt(60) - 30);
        }
        return sb.toString();
    }

    @Test
    void readsInfinitiesAndNanCaseInsensitively() {
        int flags = FloatParser.SPECIAL;
        assertThat(parse("+Inf", flags)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-inf", flags)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("INFINITY", flags)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("nan", flags)).isNaN();
        assertThat(parse("NaN", flags)).isNaN();
    }

    @Test
    void rejectsHexadecimalFloatsAsPrometheusDoes() {
        assertThatThrownBy(() -> parse("0x1p-3", FloatParser.SPECIAL)).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> parse("-0X1.8P1", FloatParser.SPECIAL)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void readsLeadingZerosAndEdgeForms() {
        assertThat(parse("0000000000000000000000000000000000000000001", 0)).isEqualTo(1.0);
        assertThat(parse("1.", 0)).isEqualTo(1.0);
        assertThat(parse(".5", 0)).isEqualTo(0.5);
        assertThat(parse("-0", 0)).isEqualTo(-0.0);
        assertThat(parse("9223372036854775808", 0)).isEqualTo(9.223372036854775808e18);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "", "+", "-", ".", "e5", "1e", "1e+", "1.2.3", "1_000", "0x1", "0x1p", "0xp1", "+NaN", "-nan",
                "Infinit", "1f", "1d", " 1", "1 ", "0b1", "0o7", "--1", "1e5.5"
            })
    void rejects(String text) {
        assertThatThrownBy(() -> parse(text, FloatParser.SPECIAL)).isInstanceOf(NumberFormatException.class);
    }
}
