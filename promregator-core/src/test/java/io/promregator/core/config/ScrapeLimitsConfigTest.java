package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.ConfigurationException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScrapeLimitsConfigTest {
    @Test
    void limitsHaveDefaultsAndCanBeSetOrTurnedOff() {
        assertThat(PromregatorConfig.defaults().promregator().scraping().limits())
                .isEqualTo(ScrapeLimits.defaults());

        ScrapeLimits limits =
                ConfigLoader.load("""
                        promregator:
                          scraping:
                            limits:
                              samples: 50000
                              labels: 0
                        """, Map.of()).promregator().scraping().limits();

        assertThat(limits).isEqualTo(new ScrapeLimits(50_000, 0, 1024, 65_536));
    }

    @Test
    void negativeLimitIsAnError() {
        ConfigurationException e = catchThrowableOfType(
                () -> ConfigLoader.load("promregator.scraping.limits.labelValueLength: -1", Map.of()),
                ConfigurationException.class);

        assertThat(e.problems())
                .containsExactly(
                        "promregator.scraping.limits.labelValueLength: must be an integer of at least 0. Found: -1");
    }
}
