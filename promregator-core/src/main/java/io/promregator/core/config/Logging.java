package io.promregator.core.config;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Logging ({@code logging.*}, Spring Boot's keys).
 *
 * @param level logger name (or {@code root}) to level, upper case: TRACE, DEBUG, INFO, WARN, ERROR,
 *     FATAL or OFF; nested YAML keys are joined with dots
 * @param config a logging configuration file (accepted; no effect yet)
 * @param format how the CLI writes its log lines: {@code text} (the default) or {@code json}, one JSON
 *     object per line
 */
public record Logging(
        @Key(Check.LOG_LEVEL) Map<String, String> level,
        @Key(implemented = false) String config,
        @Key(Check.LOG_FORMAT) String format) {
    public static final String TEXT = "text";
    public static final String JSON = "json";

    static final String ORIGINAL_PACKAGE = "org.cloudfoundry.promregator";
    static final String PACKAGE = "io.promregator";

    public Logging {
        Map<String, String> upper = new LinkedHashMap<>();
        if (level != null) {
            level.forEach((name, value) -> upper.put(name, normalized(value)));
        }
        level = StaticTarget.ordered(upper);
        config = Objects.requireNonNullElse(config, "");
        format = format == null || format.isEmpty() ? TEXT : format.toLowerCase(Locale.ROOT);
    }

    /** Levels and the configuration file, in text lines. */
    public Logging(Map<String, String> level, String config) {
        this(level, config, TEXT);
    }

    /** Whether log lines are JSON objects. */
    public boolean json() {
        return format.equals(JSON);
    }

    /** Upper case; {@code false} is OFF, as YAML 1.1 reads an unquoted OFF as false. */
    private static String normalized(String level) {
        String upper = Objects.requireNonNull(level, "level").toUpperCase(Locale.ROOT);
        return upper.equals("FALSE") ? "OFF" : upper;
    }

    public static Logging defaults() {
        return new Logging(Map.of(), "", TEXT);
    }

    /**
     * The levels to apply: as configured, plus the level of the original's package
     * {@code org.cloudfoundry.promregator} for this one's ({@code io.promregator}) unless that is set too,
     * so that existing configurations keep their effect.
     */
    public Map<String, String> effectiveLevels() {
        String original = level.get(ORIGINAL_PACKAGE);
        if (original == null || level.containsKey(PACKAGE)) {
            return level;
        }
        Map<String, String> levels = new LinkedHashMap<>(level);
        levels.put(PACKAGE, original);
        return StaticTarget.ordered(levels);
    }
}
