package io.promregator.core.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.promregator.core.scrape.SameOriginRedirects.RedirectRefused;
import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SameOriginRedirectsTest {
    private static final URI TARGET = URI.create("http://App.Example.com/metrics");

    @Test
    void theDefaultPortAndTheCaseOfSchemeAndHostMakeNoOtherOrigin() {
        assertThat(SameOriginRedirects.origin(URI.create("HTTP://app.example.COM:80/x")))
                .isEqualTo(SameOriginRedirects.origin(TARGET))
                .isEqualTo("http://app.example.com:80");
        assertThat(SameOriginRedirects.origin(URI.create("https://app.example.com/x")))
                .isEqualTo("https://app.example.com:443");
    }

    @Test
    void relativeLocationsResolveAgainstTheUrlThatAnswered() {
        SameOriginRedirects redirects = new SameOriginRedirects(TARGET);

        URI next = redirects.next(URI.create("http://app.example.com/a/b"), 302, Optional.of("../c?x=1"));

        assertThat(next).isEqualTo(URI.create("http://app.example.com/c?x=1"));
    }

    @Test
    void anotherPortSchemeOrHostIsRefused() {
        for (String location : new String[] {
            "http://app.example.com:8080/metrics",
            "https://app.example.com/metrics",
            "http://evil.example/metrics",
            "//evil.example/metrics"
        }) {
            assertThatThrownBy(() -> new SameOriginRedirects(TARGET).next(TARGET, 301, Optional.of(location)))
                    .isInstanceOf(RedirectRefused.class)
                    .hasMessageContaining("another origin");
        }
    }

    @Test
    void anUnparsableLocationIsRefusedAndShownWithoutControlCharacters() {
        assertThatThrownBy(() -> new SameOriginRedirects(TARGET).next(TARGET, 302, Optional.of("http://a b/\u0007")))
                .isInstanceOf(RedirectRefused.class)
                .hasMessage("HTTP 302 redirect to an invalid Location: http://a b/?");
    }

    @Test
    void aLongLocationIsShortenedInTheMessage() {
        String location = "http://evil.example/" + "x".repeat(5000);

        assertThatThrownBy(() -> new SameOriginRedirects(TARGET).next(TARGET, 302, Optional.of(location)))
                .hasMessageContaining("x".repeat(100) + "...")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400));
    }
}
