package io.promregator.core.exposition;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing input while it still fails: first whole lines, then single bytes, each time trying to
 * drop chunks from half the input down to one line or byte (a simple delta debugging). Bounded by a number
 * of tries, so a slow check cannot stall the report.
 */
final class InputMinimizer {
    private final Predicate<byte[]> fails;
    private int triesLeft;

    private InputMinimizer(Predicate<byte[]> fails, int maxTries) {
        this.fails = fails;
        this.triesLeft = maxTries;
    }

    /** The smallest input found that still fails; {@code input} itself if nothing smaller does. */
    static byte[] minimize(byte[] input, Predicate<byte[]> fails, int maxTries) {
        InputMinimizer minimizer = new InputMinimizer(fails, maxTries);
        byte[] smaller = minimizer.dropLines(input);
        return smaller.length <= 4096 ? minimizer.dropBytes(smaller) : smaller;
    }

    private byte[] dropLines(byte[] input) {
        List<byte[]> lines = ExpositionMutator.lines(input);
        for (int chunk = Math.max(1, lines.size() / 2); chunk >= 1; chunk /= 2) {
            for (int from = 0; from < lines.size() && triesLeft > 0; ) {
                int to = Math.min(lines.size(), from + chunk);
                List<byte[]> candidate = new ArrayList<>(lines.subList(0, from));
                candidate.addAll(lines.subList(to, lines.size()));
                if (stillFails(ExpositionMutator.join(candidate))) {
                    lines = candidate;
                } else {
                    from = to;
                }
            }
        }
        return ExpositionMutator.join(lines);
    }

    private byte[] dropBytes(byte[] input) {
        byte[] current = input;
        for (int chunk = Math.max(1, current.length / 2); chunk >= 1; chunk /= 2) {
            for (int from = 0; from < current.length && triesLeft > 0; ) {
                int to = Math.min(current.length, from + chunk);
                ByteArrayOutputStream candidate = new ByteArrayOutputStream(current.length);
                candidate.write(current, 0, from);
                candidate.write(current, to, current.length - to);
                byte[] bytes = candidate.toByteArray();
                if (stillFails(bytes)) {
                    current = bytes;
                } else {
                    from = to;
                }
            }
        }
        return current;
    }

    private boolean stillFails(byte[] candidate) {
        triesLeft--;
        return fails.test(candidate);
    }
}
