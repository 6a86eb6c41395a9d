package io.promregator.core.cf;

import java.util.Objects;
import java.util.Optional;

/**
 * One instance of a process ({@code /v3/processes/:guid/stats}).
 *
 * @param state {@code RUNNING}, {@code CRASHED}, {@code STARTING}, {@code STOPPING} or {@code DOWN}
 * @param routable empty when the platform does not report readiness
 */
public record CfInstanceState(int index, String state, Optional<Boolean> routable) {
    public CfInstanceState {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(routable, "routable");
    }

    /** Whether the gorouter can reach this instance: running, and not reported unroutable. */
    public boolean isScrapable() {
        return "RUNNING".equals(state) && routable.orElse(true);
    }
}
