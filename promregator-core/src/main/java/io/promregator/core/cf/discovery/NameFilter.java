package io.promregator.core.cf.discovery;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The original's name matching: a regular expression (whole name, ignoring case) wins over an exact
 * name (ignoring case, as the Cloud Controller's {@code names} filter does); with neither, everything.
 */
record NameFilter(String kind, String name, Optional<Pattern> regex) {
    static NameFilter of(String kind, String name, String regex) {
        return new NameFilter(
                kind,
                name,
                regex.isEmpty() ? Optional.empty() : Optional.of(Pattern.compile(regex, Pattern.CASE_INSENSITIVE)));
    }

    boolean matches(String candidate) {
        if (regex.isPresent()) {
            return regex.get().matcher(candidate).matches();
        }
        return name.isEmpty() || name.equalsIgnoreCase(candidate);
    }

    /** Whether this filter names exactly one name (so the Cloud Controller can filter by it). */
    boolean isExactName() {
        return regex.isEmpty() && !name.isEmpty();
    }

    /** How the configuration said it: {@code orgRegex "team-.*"}, {@code spaceName "dev"}, {@code any space}. */
    String describe() {
        if (regex.isPresent()) {
            return kind + "Regex \"" + regex.get().pattern() + "\"";
        }
        return name.isEmpty() ? "any " + kind : kind + "Name \"" + name + "\"";
    }
}
