package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every form of an {@code Authorization} header gets the same answer whether the password is configured
 * plain or as a bcrypt hash (issue 15, point 8): one reading, RFC 7235 and 7617.
 */
class BasicHeaderFormsTest {
    /** "prometheus" at cost 10 (libxcrypt, see BcryptHashTest). */
    private static final String HASH = "$2b$10$PoeAyqVMCYYQX3DuIJURkOs0zT0shbB4VyPaQma/x.Dt6NbcsJNI.";

    private static final String BASE64 = encode("promregator:prometheus"); // ends with ==

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Forms that carry the user promregator with the password "prometheus". */
    private static final List<String> ACCEPTED = List.of(
            "Basic " + BASE64,
            "basic " + BASE64,
            "BASIC " + BASE64,
            "bAsIc " + BASE64,
            "Basic  " + BASE64,
            "Basic\t" + BASE64,
            "Basic " + BASE64 + " ",
            "Basic " + BASE64.replace("=", ""));

    private static final List<String> REFUSED = List.of(
            "Basic",
            "Basic ",
            "Basic" + BASE64,
            "Basic " + BASE64 + " extra",
            "Basic " + BASE64.substring(0, 8) + " " + BASE64.substring(8),
            "Basic " + BASE64.replace('=', '*'),
            "Basic " + encode("promregator"),
            "Bearer " + BASE64,
            "Basic " + encode("promregator:wrong"),
            "Basic " + encode("other:prometheus"),
            "Basic "
                    + Base64.getUrlEncoder()
                            .encodeToString("promregator:prometheus?>".getBytes(StandardCharsets.UTF_8)));

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyFormGetsTheSameAnswerWithAPlainOrABcryptPassword(boolean bcrypt) throws Exception {
        String password = bcrypt ? "'" + HASH + "'" : "prometheus";
        String config = """
                promregator:
                  authentication:
                    basic: {username: promregator, password: %s}
                  endpoint: {auth: BASIC}
                server: {address: 127.0.0.1, port: 0}
                """.formatted(password);
        try (Promregator promregator = TestBuilder.create()
                .config(ConfigLoader.load(config, Map.of()))
                .build()
                .start()) {
            List<String> accepted = new ArrayList<>();
            for (String form : ACCEPTED) {
                accepted.add(status(promregator, form) + " " + form);
            }
            List<String> refused = new ArrayList<>();
            for (String form : REFUSED) {
                refused.add(status(promregator, form) + " " + form);
            }

            assertThat(accepted).allSatisfy(line -> assertThat(line).startsWith("200 "));
            assertThat(refused).allSatisfy(line -> assertThat(line).startsWith("401 "));
        }
    }

    private static int status(Promregator promregator, String authorization) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + promregator.port() + "/metrics"))
                                .header("Authorization", authorization)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
