package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The levels of {@code logging.level} against the built-in defaults of logback.xml. */
class LogLevelsTest {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @BeforeEach
    @AfterEach
    void builtInDefaults() throws Exception {
        context.reset();
        new ContextInitializer(context).autoConfig();
    }

    private Level effective(String logger) {
        return context.getLogger(logger).getEffectiveLevel();
    }

    @Test
    void theBuiltInDefaultsWithoutUserLevels() {
        LogLevels.apply(Map.of());

        assertThat(effective("io.promregator.core.scrape.HttpClientScraper")).isEqualTo(Level.INFO);
        assertThat(effective("org.eclipse")).isEqualTo(Level.WARN);
    }

    @Test
    void aRootLevelAloneReachesTheProjectsOwnLoggers() {
        LogLevels.apply(Map.of("root", "TRACE"));

        assertThat(effective("io.promregator.core.scrape.HttpClientScraper")).isEqualTo(Level.TRACE);
        assertThat(effective("org.eclipse")).isEqualTo(Level.TRACE);
    }

    @Test
    void aQuieterRootQuietsTheProjectToo() {
        LogLevels.apply(Map.of("root", "ERROR"));

        assertThat(effective("io.promregator.core.Promregator")).isEqualTo(Level.ERROR);
    }

    @Test
    void theMostSpecificUserLevelWins() {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("root", "ERROR");
        levels.put("io.promregator.core.cf", "DEBUG");
        LogLevels.apply(levels);

        assertThat(effective("io.promregator.core.cf.discovery.DiscoveryRun")).isEqualTo(Level.DEBUG);
        assertThat(effective("io.promregator.core.scrape.HttpClientScraper")).isEqualTo(Level.ERROR);
    }

    @Test
    void aLevelForAnotherPackageLeavesTheBuiltInDefaultAlone() {
        LogLevels.apply(Map.of("org.eclipse", "DEBUG"));

        assertThat(effective("io.promregator.core.Promregator")).isEqualTo(Level.INFO);
        assertThat(effective("org.eclipse.jetty")).isEqualTo(Level.DEBUG);
    }
}
