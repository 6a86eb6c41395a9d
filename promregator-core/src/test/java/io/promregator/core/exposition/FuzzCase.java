package io.promregator.core.exposition;

import io.promregator.core.Target;
import io.promregator.core.enrich.LabelConflict;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Everything one fuzz iteration feeds the pipeline: the bodies of one to four targets in merge order
 * (generated, taken from the corpus or the synthetic application, and mostly mutated), the labels each
 * gets, and the enricher's policy. Made from the seed and the iteration number alone, so that one failing
 * iteration can be replayed on its own.
 */
record FuzzCase(long seed, long iteration, LabelConflict policy, List<Body> bodies) {

    /** One target's body, the format its Content-Type announces, and the labels the enricher adds. */
    record Body(ExpositionFormat format, byte[] bytes, Labels labels, boolean mutated) {}

    private static final String[] ORG_NAMES = {
        "org", "o\"r\\g", "line\nbreak", "Grüße ✓ 😀", "", "trailing\\", "{a=\"b\"}", "x".repeat(300)
    };

    /** The case of one iteration. */
    static FuzzCase create(long seed, long iteration) {
        Random random = new Random(mix(seed + iteration * 0x9E3779B97F4A7C15L));
        LabelConflict policy = LabelConflict.values()[random.nextInt(LabelConflict.values().length)];
        List<Body> bodies = new ArrayList<>();
        for (int target = 1 + random.nextInt(4); target > 0; target--) {
            ExpositionFormat format = pickFormat(random);
            // the first body may come from anywhere; the others, generated, keep each iteration quick
            byte[] bytes = bodies.isEmpty() ? body(random, format) : ExpositionGenerator.generate(random, format);
            boolean mutated = random.nextInt(10) < (bodies.isEmpty() ? 7 : 3);
            if (mutated) {
                bytes = new ExpositionMutator(random).mutate(bytes);
            }
            bodies.add(new Body(format, bytes, labels(random, bodies.size()), mutated));
        }
        Collections.shuffle(bodies, random);
        return new FuzzCase(seed, iteration, policy, List.copyOf(bodies));
    }

    /** The same case with one body replaced. */
    FuzzCase withBody(int index, byte[] bytes) {
        List<Body> changed = new ArrayList<>(bodies);
        Body body = bodies.get(index);
        changed.set(index, new Body(body.format(), bytes, body.labels(), body.mutated()));
        return new FuzzCase(seed, iteration, policy, changed);
    }

    private static ExpositionFormat pickFormat(Random random) {
        return random.nextBoolean() ? ExpositionFormat.PROMETHEUS_TEXT : ExpositionFormat.OPENMETRICS;
    }

    private static byte[] body(Random random, ExpositionFormat format) {
        int source = random.nextInt(100);
        if (source < 10) { // in either format: an OpenMetrics body read as 0.0.4 is hostile too
            return Corpus.OPEN_METRICS.get(random.nextInt(Corpus.OPEN_METRICS.size()));
        } else if (source < 11) { // big: 150 to 190 KB
            return Corpus.TEXT.get(random.nextInt(Corpus.TEXT.size()));
        } else if (source < 13) {
            List<MetricFamily> families = SyntheticExposition.cfApplication(1 + random.nextInt(2));
            return ExpositionWriter.toString(families, format).getBytes(StandardCharsets.UTF_8);
        }
        return ExpositionGenerator.generate(random, format);
    }

    /** A target's labels: Cloud Foundry's, with values that need escaping. */
    private static Labels labels(Random random, int instance) {
        String org = ORG_NAMES[random.nextInt(ORG_NAMES.length)];
        if (random.nextInt(5) == 0) {
            return Labels.of("org_name", org, "app_name", "app\\" + instance);
        }
        return Target.cfLabels(org, "space \"" + instance + "\"", "app", "5a1f0c2e-guid", instance);
    }

    /** A 64-bit mix (SplitMix64's finalizer), so that neighbouring iterations get unrelated randoms. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Bodies from the test corpus: OpenMetrics conformance cases (valid and not) and real 0.0.4 payloads. */
    private static final class Corpus {
        static final List<byte[]> OPEN_METRICS = load("/corpus/openmetrics-parsers", "metrics");
        static final List<byte[]> TEXT = load("/corpus/prometheus-payloads", ".prom.txt");

        private static List<byte[]> load(String folder, String nameEnd) {
            URL url = FuzzCase.class.getResource(folder);
            try (Stream<Path> files = Files.walk(Path.of(url.toURI()))) {
                List<byte[]> bodies = new ArrayList<>();
                for (Path file : files.sorted().toList()) {
                    if (Files.isRegularFile(file)
                            && file.getFileName().toString().endsWith(nameEnd)) {
                        bodies.add(Files.readAllBytes(file));
                    }
                }
                return List.copyOf(bodies);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
