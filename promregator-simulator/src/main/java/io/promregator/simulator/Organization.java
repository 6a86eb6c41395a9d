package io.promregator.simulator;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An organization with its spaces.
 *
 * @param visible false when the simulated user lacks a role here: nothing in it is listed
 */
public record Organization(String id, String name, boolean visible, List<Space> spaces) {
    public Organization {
        Guids.require(id, "organization id");
        Objects.requireNonNull(name, "name");
        spaces = List.copyOf(spaces);
        Set<String> names = new HashSet<>();
        for (Space space : spaces) {
            if (!names.add(space.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException(
                        "organization " + name + ": space names must be unique. Found twice: " + space.name());
            }
        }
    }

    Organization withSpaces(List<Space> value) {
        return new Organization(id, name, visible, value);
    }
}
