package io.promregator.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.config.ConfigLoader;
import io.promregator.core.config.Scraping;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up warns about a connect or read timeout longer than maxProcessingTime only when the user wrote it. */
class TimeoutWarningsTest {
    private static Scraping load(String yaml, Map<String, String> environment) {
        return ConfigLoader.load(yaml, environment).promregator().scraping();
    }

    @Test
    void defaultTimeoutsAreLoweredToAShorterMaxProcessingTimeQuietly() {
        Scraping scraping = load("""
                promregator:
                  scraping:
                    maxProcessingTime: 2000
                """, Map.of());

        assertThat(scraping.connectionTimeout()).isEqualTo(2000);
        assertThat(scraping.socketReadTimeout()).isEqualTo(2000);
        assertThat(Wiring.timeoutWarnings(scraping)).isEmpty();
    }

    @Test
    void aTimeoutTheUserWroteLongerThanMaxProcessingTimeIsWarnedAbout() {
        Scraping scraping = load("""
                promregator:
                  scraping:
                    maxProcessingTime: 2000
                    connectionTimeout: 4000
                """, Map.of());

        assertThat(Wiring.timeoutWarnings(scraping))
                .containsExactly("promregator.scraping.connectionTimeout (4000 ms) is longer than"
                        + " promregator.scraping.maxProcessingTime (2000 ms); using 2000 ms");
        assertThat(scraping.socketReadTimeout()).isEqualTo(2000);
    }

    @Test
    void environmentVariablesCountAsWrittenByTheUser() {
        assertThat(Wiring.timeoutWarnings(load("", Map.of("PROMREGATOR_SCRAPING_MAXPROCESSINGTIME", "1000"))))
                .isEmpty();
        assertThat(Wiring.timeoutWarnings(load(
                        "",
                        Map.of(
                                "PROMREGATOR_SCRAPING_MAXPROCESSINGTIME",
                                "1000",
                                "PROMREGATOR_SCRAPING_SOCKETREADTIMEOUT",
                                "3000"))))
                .singleElement()
                .asString()
                .startsWith("promregator.scraping.socketReadTimeout (3000 ms)");
    }

    @Test
    void theDeprecatedMaxProcessingTimeLowersTheDefaultsToo() {
        Scraping scraping = load("""
                promregator:
                  endpoint:
                    maxProcessingTime: 1500
                """, Map.of());

        assertThat(scraping.connectionTimeout()).isEqualTo(1500);
        assertThat(Wiring.timeoutWarnings(scraping)).isEmpty();
    }

    @Test
    void theBuilderLowersOnlyTheTimeoutsItWasNotGiven() {
        assertThat(Wiring.timeoutWarnings(
                        Scraping.builder().maxProcessingTime(2000).build()))
                .isEmpty();
        assertThat(Wiring.timeoutWarnings(Scraping.builder()
                        .maxProcessingTime(2000)
                        .socketReadTimeout(3000)
                        .build()))
                .singleElement()
                .asString()
                .startsWith("promregator.scraping.socketReadTimeout (3000 ms)");
    }
}
