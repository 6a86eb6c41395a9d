package io.promregator.core.exposition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Promregator's own conformance corpus, {@code src/test/resources/conformance/cases.tsv}: small bodies in
 * text 0.0.4 and OpenMetrics 1.0, each with the verdict of Prometheus 2.x (its server scraping the body
 * with the format's Content-Type: accepted when the target is up), of {@code promtool check metrics} (0.0.4
 * only: accepted when it reports no parse error) and of our parser, and a note where we differ on purpose.
 *
 * <p>Bodies are escaped: {@code \n}, {@code \r}, {@code \t}, {@code \\} and {@code \xHH} (one byte);
 * everything else is UTF-8 as written.
 */
public final class ConformanceCorpus {
    /** A verdict on a body: the whole body accepted, or refused (the target fails). */
    public enum Verdict {
        ACCEPT,
        REFUSE;

        static Verdict of(String word) {
            return switch (word) {
                case "accept" -> ACCEPT;
                case "refuse" -> REFUSE;
                default -> throw new IllegalArgumentException("not a verdict: " + word);
            };
        }
    }

    /**
     * One case.
     *
     * @param promtool null for OpenMetrics cases, which promtool cannot read
     * @param note empty where we agree with Prometheus
     */
    public record Case(
            String id,
            ExpositionFormat format,
            Verdict prometheus,
            Verdict promtool,
            Verdict ours,
            byte[] body,
            String escapedBody,
            String note) {
        /** The Content-Type a target serving this case answers with. */
        public String contentType() {
            return format == ExpositionFormat.OPENMETRICS
                    ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                    : "text/plain; version=0.0.4; charset=utf-8";
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private ConformanceCorpus() {}

    /** All cases, in table order. */
    public static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (String line : table().split("\n", -1)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 7) {
                throw new IllegalStateException("cases.tsv: 7 columns expected: " + line);
            }
            ExpositionFormat format = switch (f[1]) {
                case "text" -> ExpositionFormat.PROMETHEUS_TEXT;
                case "om" -> ExpositionFormat.OPENMETRICS;
                default -> throw new IllegalStateException("cases.tsv: unknown format in " + line);
            };
            Verdict promtool = f[3].equals("-") ? null : Verdict.of(f[3]);
            cases.add(new Case(
                    f[0], format, Verdict.of(f[2]), promtool, Verdict.of(f[4]), unescape(f[5]), f[5], f[6].strip()));
        }
        return cases;
    }

    /** The bytes an escaped body stands for. */
    static byte[] unescape(String escaped) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c != '\\') {
                int end = Character.isHighSurrogate(c) ? i + 2 : i + 1;
                out.writeBytes(escaped.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
                continue;
            }
            char next = escaped.charAt(++i);
            switch (next) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(escaped.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalStateException("cases.tsv: unknown escape \\" + next + " in " + escaped);
            }
        }
        return out.toByteArray();
    }

    private static String table() {
        try (InputStream in = ConformanceCorpus.class.getResourceAsStream("/conformance/cases.tsv")) {
            if (in == null) {
                throw new IllegalStateException("conformance/cases.tsv is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
