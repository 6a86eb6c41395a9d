package io.promregator.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.promregator.core.testing.Promtool;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the exposition pipeline with random but plausible bodies in both formats, most of them broken on
 * purpose (see {@link ExpositionGenerator}, {@link ExpositionMutator}): each must parse or fail with our
 * own parse error, and what parses is enriched, merged with other targets and written in both formats,
 * which must read back to the same samples ({@link PipelineCheck}). A sample of the 0.0.4 outputs goes
 * through the real {@code promtool check metrics}. Differential: a sample of the 0.0.4 bodies themselves goes
 * through promtool too, and where its verdict and our parser's differ, the difference must be one of our
 * documented leniencies or strictnesses ({@link #withoutTextLeniencies}, {@link #LENIENT}, {@link #STRICT};
 * see the leniency table in docs/labels-and-formats.md
 * and the conformance corpus).
 *
 * <p>Bounded by iterations and by a time budget; the time is a budget, not an assertion. System
 * properties: {@code promregator.fuzz.seconds} (20), {@code promregator.fuzz.iterations} (1,000,000),
 * {@code promregator.fuzz.seed} ({@value #DEFAULT_SEED}, so that a build fails only for a change; {@code random}
 * for a fresh one, printed), {@code promregator.fuzz.iteration} (replay only that
 * one), {@code promregator.fuzz.promtool} (outputs checked by promtool, 48), {@code promregator.fuzz.promtoolBodies}
 * (bodies compared with promtool, 48). A failure names the seed and
 * iteration and shows the smallest body found that still fails, escaped.
 */
class ExpositionFuzzIT {
    private static final long DEFAULT_SEED = 20261126L;
    private static final int MINIMIZER_TRIES = 3000;
    private static final int PROMTOOL_MINIMIZER_TRIES = 200;

    /**
     * Our documented 0.0.4 leniencies that are plain text, taken out of a body before promtool sees it (each a
     * case of the conformance corpus): CRLF line ends (text-crlf), blanks before a line (text-leading-space) or
     * after its value or timestamp (text-trailing-space), no final newline (text-no-final-newline), and
     * {@code #TYPE} without a blank after {@code #}, which Prometheus reads as a comment and promtool does not
     * (text-type-no-space-after-hash-unknown-word).
     */
    static byte[] withoutTextLeniencies(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1) // every byte as one char, invalid UTF-8 too
                .replace("\r\n", "\n")
                .replaceAll("(?m)^[ \t]+", "")
                .replaceAll("(?m)[ \t]+$", "")
                .replaceAll("(?m)^#(?=[^ \t\n])", "# _");
        if (!text.isEmpty() && !text.endsWith("\n")) {
            text += "\n";
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** What promtool says about 0.0.4 bodies we accept on purpose, but for {@link #withoutTextLeniencies}. */
    static final List<Pattern> LENIENT = Stream.of(
                    "invalid escape sequence", // text-escape-invalid, text-help-escape-invalid
                    "second TYPE line for metric name", // text-type-twice-same
                    "second HELP line for metric name", // text-help-twice
                    // text-histogram-le-not-a-number, text-summary-quantile-not-a-number: Prometheus accepts too
                    "expected float as value for '(le|quantile)' label")
            .map(Pattern::compile)
            .toList();

    /** What our parser says about 0.0.4 bodies promtool accepts, where we are stricter on purpose. */
    static final List<Pattern> STRICT = Stream.of(
                    "reserved label name __", // text-label-dunder-meta
                    "has no sample of that name", // text-histogram-bare-sample
                    "invalid UTF-8", // text-invalid-utf8-help: Prometheus refuses it, promtool does not
                    "expected a blank after the metric name", // text-type-no-word-no-blank: Prometheus refuses too
                    "unknown metric type [^a-z]*;") // text-type-no-word: Prometheus refuses too
            .map(Pattern::compile)
            .toList();

    @Test
    void everyBodyParsesOrIsRejectedAndEveryMergeWritesExpositionsThatReadBack() throws Exception {
        String seedProperty = System.getProperty("promregator.fuzz.seed", Long.toString(DEFAULT_SEED));
        long seed = seedProperty.equals("random") ? new Random().nextLong() : Long.parseLong(seedProperty);
        long seconds = Long.getLong("promregator.fuzz.seconds", 20);
        long iterations = Long.getLong("promregator.fuzz.iterations", 1_000_000);
        Long only = Long.getLong("promregator.fuzz.iteration");
        int promtoolSamples = Integer.getInteger("promregator.fuzz.promtool", 48);
        int promtoolBodies = Integer.getInteger("promregator.fuzz.promtoolBodies", 48);
        System.out.println("ExpositionFuzzIT: -Dpromregator.fuzz.seed=" + seed);

        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        Random sampling = new Random(seed);
        List<FuzzCase> forPromtool = new ArrayList<>();
        Random bodySampling = new Random(seed ^ 0x5eed);
        List<SampledBody> bodiesForPromtool = new ArrayList<>();
        long textBodies = 0;
        long first = only == null ? 0 : only;
        long end = only == null ? iterations : only + 1;
        long run = 0;
        long bodies = 0;
        long written = 0;
        long parsed = 0;
        long parsedMutated = 0;
        for (long i = first; i < end && (only != null || System.nanoTime() < deadline); i++) {
            FuzzCase c = FuzzCase.create(seed, i);
            PipelineCheck.Result result = PipelineCheck.run(c);
            if (result.failed()) {
                FuzzCase smallest = minimized(c, r -> result.step().equals(r.step()), MINIMIZER_TRIES);
                fail(report(smallest, PipelineCheck.run(smallest).problem(), c));
            }
            run++;
            for (int b = 0; b < c.bodies().size(); b++) {
                bodies++;
                if (c.bodies().get(b).format() == ExpositionFormat.PROMETHEUS_TEXT) {
                    textBodies++;
                    if (bodiesForPromtool.size() < promtoolBodies) {
                        bodiesForPromtool.add(new SampledBody(c, b));
                    } else if (bodySampling.nextLong(textBodies) < promtoolBodies) {
                        bodiesForPromtool.set(bodySampling.nextInt(promtoolBodies), new SampledBody(c, b));
                    }
                }
                if (result.parsed()[b]) {
                    parsed++;
                    parsedMutated += c.bodies().get(b).mutated() ? 1 : 0;
                }
            }
            if (result.text() != null) {
                // reservoir sampling: every written merge equally likely to be among those promtool checks
                written++;
                if (forPromtool.size() < promtoolSamples) {
                    forPromtool.add(c);
                } else if (sampling.nextLong(written) < promtoolSamples) {
                    forPromtool.set(sampling.nextInt(promtoolSamples), c);
                }
            }
        }
        System.out.printf(
                "ExpositionFuzzIT: %d iterations, %d bodies, %d parsed (%d of them mutated)%n",
                run, bodies, parsed, parsedMutated);

        assertThat(run).isPositive();
        if (only == null && run >= 1000) { // the generators must reach both sides of the parser
            assertThat(parsed).as("bodies parsed").isGreaterThan(bodies / 10);
            assertThat(bodies - parsed).as("bodies rejected").isGreaterThan(bodies / 10);
            assertThat(parsedMutated).as("mutated bodies parsed").isPositive();
        }
        checkWithPromtool(forPromtool);
        compareWithPromtool(bodiesForPromtool);
    }

    /** Body {@code index} of a fuzz case. */
    private record SampledBody(FuzzCase fuzzCase, int index) {
        byte[] bytes() {
            return fuzzCase.bodies().get(index).bytes();
        }
    }

    /** An unexplained difference between promtool's verdict and ours on a body; null when there is none. */
    static String difference(byte[] body) {
        String ours = null;
        try {
            ExpositionParser.parse(body, ExpositionFormat.PROMETHEUS_TEXT);
        } catch (ExpositionParseException e) {
            ours = e.getMessage();
        }
        Promtool.Result promtool = Promtool.checkMetrics(withoutTextLeniencies(body));
        boolean promtoolAccepts = promtoolAccepts(promtool);
        if (ours == null && !promtoolAccepts) {
            String why = String.join(" ", promtool.parseErrors());
            return LENIENT.stream().anyMatch(p -> p.matcher(why).find())
                    ? null
                    : "we accept, promtool refuses: " + promtool.output().strip();
        }
        if (ours != null && promtoolAccepts) {
            String why = ours;
            return STRICT.stream().anyMatch(p -> p.matcher(why).find()) ? null : "promtool accepts, we refuse: " + ours;
        }
        return null;
    }

    /** Differential check: promtool and our parser agree on every sampled body, but for documented reasons. */
    private static void compareWithPromtool(List<SampledBody> sampled) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> checks = new ArrayList<>();
            for (SampledBody s : sampled) {
                checks.add(pool.submit(() -> difference(s.bytes())));
            }
            for (int i = 0; i < sampled.size(); i++) {
                if (checks.get(i).get() != null) {
                    SampledBody s = sampled.get(i);
                    byte[] smallest =
                            InputMinimizer.minimize(s.bytes(), b -> difference(b) != null, PROMTOOL_MINIMIZER_TRIES);
                    fail("promtool and our parser differ; replay with -Dpromregator.fuzz.seed="
                            + s.fuzzCase().seed() + " -Dpromregator.fuzz.iteration="
                            + s.fuzzCase().iteration()
                            + " (body " + (s.index() + 1) + ")\n" + difference(smallest)
                            + "\nsmallest body: " + Escaping.escape(smallest)
                            + "\nbody: " + Escaping.escape(s.bytes()));
                }
            }
            System.out.printf("ExpositionFuzzIT: %d 0.0.4 bodies compared with promtool%n", sampled.size());
        } finally {
            pool.shutdownNow();
        }
    }

    /** promtool must read every sampled 0.0.4 output; lint findings (names we never change) are fine. */
    private static void checkWithPromtool(List<FuzzCase> cases) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Promtool.Result>> checks = new ArrayList<>();
            for (FuzzCase c : cases) {
                String text = PipelineCheck.run(c).text();
                checks.add(pool.submit(() -> Promtool.checkMetrics(text)));
            }
            for (int i = 0; i < cases.size(); i++) {
                Promtool.Result result = checks.get(i).get();
                if (!promtoolAccepts(result)) {
                    FuzzCase smallest = minimized(
                            cases.get(i),
                            r -> r.text() != null && !promtoolAccepts(Promtool.checkMetrics(r.text())),
                            PROMTOOL_MINIMIZER_TRIES);
                    String text = PipelineCheck.run(smallest).text();
                    fail(report(
                                    smallest,
                                    "promtool: " + Promtool.checkMetrics(text).output(),
                                    cases.get(i)) + "\nour 0.0.4 output of the smallest bodies: "
                            + Escaping.escape(text));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static boolean promtoolAccepts(Promtool.Result result) {
        return result.parseErrors().isEmpty() && (result.exitCode() == 0 || result.exitCode() == 3);
    }

    /** The case with each body in turn as small as it gets while the case still fails the same way. */
    private static FuzzCase minimized(FuzzCase c, Predicate<PipelineCheck.Result> fails, int maxTries) {
        FuzzCase smallest = c;
        for (int b = 0; b < c.bodies().size(); b++) {
            int index = b;
            FuzzCase current = smallest;
            byte[] bytes = InputMinimizer.minimize(
                    current.bodies().get(b).bytes(),
                    candidate -> fails.test(PipelineCheck.run(current.withBody(index, candidate))),
                    maxTries);
            smallest = current.withBody(b, bytes);
        }
        return smallest;
    }

    private static String report(FuzzCase smallest, String problem, FuzzCase original) {
        StringBuilder report = new StringBuilder("Fuzz failure; replay with -Dpromregator.fuzz.seed=")
                .append(original.seed())
                .append(" -Dpromregator.fuzz.iteration=")
                .append(original.iteration())
                .append('\n')
                .append(problem)
                .append("\nenricher policy ")
                .append(original.policy())
                .append("; the targets' bodies in merge order, as small as they get while failing the same way:");
        for (int b = 0; b < smallest.bodies().size(); b++) {
            FuzzCase.Body body = smallest.bodies().get(b);
            byte[] before = original.bodies().get(b).bytes();
            report.append("\n").append(b + 1).append(". ").append(body.format()).append(", labels ");
            report.append(body.labels()).append(": ").append(Escaping.escape(body.bytes()));
            report.append("\n   from ").append(before.length).append(" bytes (");
            report.append(body.mutated() ? "mutated" : "not mutated").append("): ");
            report.append(Escaping.escape(before.length > 2000 ? Arrays.copyOf(before, 2000) : before));
        }
        return report.toString();
    }
}
