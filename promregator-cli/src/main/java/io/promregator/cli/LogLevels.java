package io.promregator.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies {@code logging.level.<logger>: <LEVEL>} from the configuration to logback. */
final class LogLevels {
    private LogLevels() {}

    /**
     * @param levels logger name (or {@code root}) to level name, as in Spring's {@code logging.level}
     */
    static void apply(Map<String, String> levels) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return; // another slf4j binding: its own configuration rules
        }
        for (Map.Entry<String, String> entry : levels.entrySet()) {
            String name = entry.getKey().equalsIgnoreCase("root") ? Logger.ROOT_LOGGER_NAME : entry.getKey();
            context.getLogger(name).setLevel(Level.toLevel(entry.getValue(), Level.INFO));
        }
    }
}
