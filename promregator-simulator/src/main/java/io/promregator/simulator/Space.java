package io.promregator.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A space with its apps.
 *
 * @param visible false when the simulated user lacks a role here: the Cloud Controller then lists
 *     neither the space nor anything in it, and answers its GUIDs with 404
 */
public record Space(String id, String name, boolean visible, List<Application> applications) {
    public Space {
        Guids.require(id, "space id");
        Objects.requireNonNull(name, "name");
        applications = List.copyOf(applications);
        Set<String> names = new HashSet<>();
        for (Application app : applications) {
            if (!names.add(app.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "space " + name + ": app names must be unique. Found twice: " + app.name());
            }
        }
    }

    Space withApplications(List<Application> value) {
        return new Space(id, name, visible, value);
    }
}
