package io.promregator.simulator;

import java.util.Locale;

/**
 * The state of one app instance as {@code /v3/processes/:guid/stats} reports it. Only {@link #RUNNING}
 * instances of a started app are registered with the gorouter.
 */
public enum InstanceState {
    RUNNING,
    CRASHED,
    STARTING,
    STOPPING,
    DOWN;

    /** The state with this name, ignoring case. */
    public static InstanceState parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "instance state: must be RUNNING, CRASHED, STARTING, STOPPING or DOWN. Found: " + name, e);
        }
    }
}
