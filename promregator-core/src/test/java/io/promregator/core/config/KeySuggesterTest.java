package io.promregator.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {

    @Test
    void countsInsertionsDeletionsSubstitutionsAndSwaps() {
        assertThat(KeySuggester.distance("maxprocesingtime", "maxprocessingtime"))
                .isEqualTo(1);
        assertThat(KeySuggester.distance("prot", "port")).isEqualTo(1);
        assertThat(KeySuggester.distance("threads", "thread")).isEqualTo(1);
        assertThat(KeySuggester.distance("abc", "xyz")).isEqualTo(3);
        assertThat(KeySuggester.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsOnlyCloseCandidates() {
        List<String> keys = List.of("maxProcessingTime", "connectionTimeout", "threads");

        assertThat(KeySuggester.nearest("max-procesing-time", keys)).isEqualTo("maxProcessingTime");
        assertThat(KeySuggester.nearest("thraeds", keys)).isEqualTo("threads");
        assertThat(KeySuggester.nearest("labels", keys)).isNull();
    }
}
