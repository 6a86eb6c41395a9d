package io.promregator.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one rule by which Promregator shows a URL that may carry a secret ({@link Target#redacted(URI)}). */
class TargetRedactionTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "http://h:9100/metrics | http://h:9100/metrics",
                "http://u:p4ss@h:9100/metrics | http://xxxxx@h:9100/metrics",
                "https://t0ken@h/metrics | https://xxxxx@h/metrics",
                "http://h/metrics?token=t0ken | http://h/metrics?token=xxxxx",
                "http://h/m?token=t0ken&module=x&flag | http://h/m?token=xxxxx&module=xxxxx&xxxxx",
                "http://h/m?a=1&&b= | http://h/m?a=xxxxx&xxxxx&b=xxxxx",
                "http://h/m#fragment-s3cret | http://h/m",
                "http://u:p%40ss@my_host:80/m?k=v%26w | http://xxxxx@my_host:80/m?k=xxxxx",
                "http://h/a%20b | http://h/a%20b",
            })
    void showsNoUserInformationNoQueryValueAndNoFragment(String url, String shown) {
        assertThat(Target.redacted(URI.create(url))).isEqualTo(shown);
        assertThat(Target.redacted(url)).isEqualTo(shown);
    }

    @ParameterizedTest
    @CsvSource({"2d9f1b7e-0c4e-4f3a-9a8b-5c6d7e8f9a0b:0", "not a url", "relative/path?x=1"})
    void leavesTextThatIsNoAbsoluteUrlAsItIs(String text) {
        assertThat(Target.redacted(text)).isEqualTo(text);
    }
}
