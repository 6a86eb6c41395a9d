package io.promregator.core;

import java.util.List;

/**
 * The configuration is not usable. Carries every problem found, each one line in the form
 * {@code <path>: <expectation>. Found: <value>}; secrets show as {@code <hidden>}.
 */
public final class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigurationException(List<String> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigurationException(String problem) {
        this(List.of(problem));
    }

    /** One line per problem, in the order they were found. */
    public List<String> problems() {
        return problems;
    }

    private static String message(List<String> problems) {
        if (problems.size() == 1) {
            return "Invalid configuration: " + problems.get(0);
        }
        return "Invalid configuration (" + problems.size() + " problems):\n  " + String.join("\n  ", problems);
    }
}
