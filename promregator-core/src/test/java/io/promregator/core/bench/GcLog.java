package io.promregator.core.bench;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a JVM's {@code -Xlog:gc} says about its heap: each pause's heap before and after
 * ({@code "Pause Young (Normal) (G1 Evacuation Pause) 23M->4M(128M) 3.456ms"}).
 *
 * @param pauses the number of pauses
 * @param pauseMillis their total time
 * @param maxPauseMillis the longest
 * @param peakBeforeMb the most heap in use that any collection found (the peak occupancy, to 1 MB)
 * @param lastFullAfterMb the heap left by the last full collection, or -1 when there was none
 * @param maxCommittedMb the most heap the JVM had reserved for use
 */
record GcLog(
        int pauses,
        double pauseMillis,
        double maxPauseMillis,
        long peakBeforeMb,
        long lastFullAfterMb,
        long maxCommittedMb) {
    private static final Pattern PAUSE = Pattern.compile("Pause (.*) (\\d+)M->(\\d+)M\\((\\d+)M\\) ([\\d.]+)ms");

    static GcLog parse(List<String> lines) {
        int pauses = 0;
        double total = 0;
        double longest = 0;
        long peak = 0;
        long fullAfter = -1;
        long committed = 0;
        for (String line : lines) {
            Matcher m = PAUSE.matcher(line);
            if (!m.find()) {
                continue;
            }
            double millis = Double.parseDouble(m.group(5));
            pauses++;
            total += millis;
            longest = Math.max(longest, millis);
            peak = Math.max(peak, Long.parseLong(m.group(2)));
            committed = Math.max(committed, Long.parseLong(m.group(4)));
            if (m.group(1).startsWith("Full")) {
                fullAfter = Long.parseLong(m.group(3));
            }
        }
        return new GcLog(pauses, total, longest, peak, fullAfter, committed);
    }
}
