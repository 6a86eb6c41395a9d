package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Mutated corpus bodies (bytes replaced, inserted, cut off) either parse or fail with a typed error at a
 * valid position; never with an exception the parser did not foresee. Deterministic: a fixed seed.
 */
class ExpositionParserRobustnessTest {
    private static final byte[] INTERESTING =
            "{}\"\\=, \t\n\r#_:eE.+-0123456789aInfNa\u00ff\u0080".getBytes(StandardCharsets.ISO_8859_1);

    private static List<byte[]> seeds() throws IOException, URISyntaxException {
        Path corpus = Path.of(
                ExpositionParserRobustnessTest.class.getResource("/corpus").toURI());
        List<byte[]> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (name.equals("metrics") || name.endsWith(".txt")) {
                    byte[] body = Files.readAllBytes(file);
                    seeds.add(Arrays.copyOf(body, Math.min(body.length, 4000)));
                }
            }
        }
        return seeds;
    }

    @Test
    void failsOnlyWithTypedErrorsOnMutatedBodies() throws Exception {
        List<byte[]> seeds = seeds();
        Random random = new Random(20240601);
        int parsed = 0;
        int rejected = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random);
            for (ExpositionFormat format : ExpositionFormat.values()) {
                try {
                    ExpositionParser.parse(body, format);
                    parsed++;
                } catch (ExpositionParseException e) {
                    rejected++;
                    assertThat(e.getCause())
                            .as("unforeseen failure on %s", latin1(body))
                            .isNull();
                    assertThat(e.line()).isPositive();
                    assertThat(e.column()).isPositive();
                }
            }
        }
        assertThat(parsed).isPositive();
        assertThat(rejected).isPositive();
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] body = seed.clone();
        for (int m = 1 + random.nextInt(4); m > 0 && body.length > 0; m--) {
            int at = random.nextInt(body.length);
            byte b = random.nextBoolean() ? INTERESTING[random.nextInt(INTERESTING.length)] : (byte) random.nextInt();
            switch (random.nextInt(3)) {
                case 0 -> body[at] = b;
                case 1 -> body = Arrays.copyOf(body, at);
                default -> {
                    byte[] longer = new byte[body.length + 1];
                    System.arraycopy(body, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(body, at, longer, at + 1, body.length - at);
                    body = longer;
                }
            }
        }
        return body;
    }

    private static String latin1(byte[] body) {
        return new String(body, StandardCharsets.ISO_8859_1);
    }
}
