package io.promregator.core.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {
    @Test
    void readsPausesPeakAndTheHeapLeftByTheLastFullCollection() {
        GcLog log = GcLog.parse(List.of(
                "[0.010s][info][gc] Using G1",
                "[1.2s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 23M->4M(64M) 3.500ms",
                "[2.4s][info][gc] GC(1) Pause Young (Normal) (G1 Evacuation Pause) 81M->9M(128M) 12.250ms",
                "[2.5s][info][gc] GC(2) Concurrent Mark Cycle 40.000ms",
                "[3.0s][info][gc] GC(3) Pause Full (System.gc()) 30M->17M(128M) 20.000ms"));

        assertThat(log).isEqualTo(new GcLog(3, 35.75, 20.0, 81, 17, 128));
    }

    @Test
    void saysWhenThereWasNoFullCollection() {
        GcLog log = GcLog.parse(
                List.of("[1.2s][info][gc] GC(0) Pause Young (Normal) (G1 Evacuation Pause) 23M->4M(64M) 3.5ms"));

        assertThat(log.lastFullAfterMb()).isEqualTo(-1);
        assertThat(log.peakBeforeMb()).isEqualTo(23);
    }
}
