package io.promregator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code logging.level.<logger>: <LEVEL>} from the configuration to logback. A user's level always
 * wins over a built-in default: a logger that {@code logback.xml} gives a level (such as
 * {@code io.promregator: INFO}) inherits instead when the user set a level for one of its ancestors (such as
 * {@code root}) and none for the logger itself.
 */
final class LogLevels {
    private LogLevels() {}

    /**
     * @param levels logger name (or {@code root}) to level name, as in Spring's {@code logging.level}
     */
    static void apply(Map<String, String> levels) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another slf4j binding: its own configuration rules
        }
        Set<String> configured = new HashSet<>();
        for (String name : levels.keySet()) {
            configured.add(loggerName(name));
        }
        for (ch.qos.logback.classic.Logger logger : context.getLoggerList()) {
            String name = logger.getName();
            if (logger.getLevel() != null
                    && !configured.contains(name)
                    && configured.stream().anyMatch(ancestor -> isAncestor(ancestor, name))) {
                logger.setLevel(null); // a built-in default under a level the user chose
            }
        }
        for (Map.Entry<String, String> entry : levels.entrySet()) {
            context.getLogger(loggerName(entry.getKey())).setLevel(Level.toLevel(entry.getValue(), Level.INFO));
        }
    }

    private static String loggerName(String configured) {
        return configured.equalsIgnoreCase("root") ? Logger.ROOT_LOGGER_NAME : configured;
    }

    private static boolean isAncestor(String ancestor, String name) {
        return !name.equals(Logger.ROOT_LOGGER_NAME)
                && (ancestor.equals(Logger.ROOT_LOGGER_NAME) || name.startsWith(ancestor + "."));
    }
}
