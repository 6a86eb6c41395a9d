package io.promregator.core.cf.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FilterQueryTest {
    @Test
    void encodesEachValueAndJoinsThemWithLiteralCommas() {
        assertThat(FilterQuery.filter("names", List.of("my org", "a,b", "ü&=")))
                .isEqualTo("names=my%20org,a%2Cb,%C3%BC%26%3D");
    }

    @Test
    void dropsDuplicatesAndKeepsTheOrder() {
        assertThat(FilterQuery.chunks(List.of("b", "a", "b", "c"), 2)).containsExactly(List.of("b", "a"), List.of("c"));
    }

    @Test
    void splitsLongValuesByLengthToo() {
        String longName = "x".repeat(1000);
        List<String> names = IntStream.range(0, 8).mapToObj(i -> longName + i).toList();

        List<List<String>> chunks = FilterQuery.chunks(names, 100);

        assertThat(chunks)
                .hasSize(3)
                .allSatisfy(chunk ->
                        assertThat(String.join(",", chunk).length()).isLessThanOrEqualTo(FilterQuery.MAX_VALUE_CHARS));
        assertThat(chunks.stream().flatMap(List::stream)).containsExactlyElementsOf(names);
    }

    @Test
    void givesOneChunkForAValueLongerThanTheLimit() {
        assertThat(FilterQuery.chunks(List.of("y".repeat(5000)), 100)).hasSize(1);
    }
}
