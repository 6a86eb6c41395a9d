package io.promregator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --check-config} refuses exactly what start-up with {@code --config} refuses, with the same words. */
class CheckConfigAgreesWithStartUpTest {
    @TempDir
    Path directory;

    private record Outcome(int status, String out, String err) {}

    private Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Start-up with {@code --config}, on a daemon thread: a start-up that wrongly accepts the
     * configuration serves until the JVM ends, and must fail the test instead of hanging it.
     */
    private Outcome startUp(Path file) throws InterruptedException {
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        Thread thread = new Thread(() -> outcome.set(run("--config", file.toString())), "start-up");
        thread.setDaemon(true);
        thread.start();
        thread.join(Duration.ofMinutes(1).toMillis());
        assertThat(outcome.get())
                .as("start-up with --config refused the configuration and returned")
                .isNotNull();
        return outcome.get();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            promregator: {targets: [{orgName: o, applicationName: a}]}                                      | cf.api_host: must be set to discover Cloud Foundry targets. Found: nothing
            {cf: {api_host: api.example.com}, promregator: {targets: [{orgName: o, applicationName: a}]}}  | cf.username: must be set to log in to Cloud Foundry
            {cf: {api_host: api.example.com, username: u}, promregator: {targets: [{applicationName: a}]}} | cf.password: must be set to log in to Cloud Foundry. Found: nothing
            promregator: {endpoint: {auth: BASIC}}                                                           | promregator.authentication.basic.password: must be set when an endpoint's auth is BASIC. Found: nothing
            promregator: {authenticator: {type: OAuth2XSUAACertificate, oauth2xsuaaCertificate: {tokenServiceCertURL: https://uaa.example.com/oauth/token, client_id: c, client_certificates: /nonexistent/c.pem, client_key: /nonexistent/k.pem}}} | promregator.authenticator.oauth2xsuaaCertificate.client_key: must be PEM text
            server: {port: 0, ssl: {certificate: /nonexistent/cert.pem}}                                    | server.ssl.certificate-private-key: must be set
            """)
    void aConfigurationThatStartUpRefusesFailsTheCheckWithTheSameProblem(String yaml, String problem)
            throws IOException, InterruptedException {
        Path file = Files.writeString(directory.resolve("promregator.yml"), yaml + "\n");

        Outcome check = run("--check-config", file.toString());
        Outcome start = startUp(file);

        assertThat(check.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(check.err()).contains(problem);
        assertThat(check.out()).doesNotContain("valid");
        assertThat(start.status()).isEqualTo(check.status());
        assertThat(start.err()).isEqualTo(check.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {cf: {api_host: api.example.com, username: u, password: p}, promregator: {targets: [{orgName: o, applicationName: a}]}}
            {promregator: {endpoint: {auth: BASIC}, authentication: {basic: {username: u, password: p}}}}
            """)
    void aConfigurationThatStartsPassesTheCheck(String yaml) throws IOException {
        Path file = Files.writeString(directory.resolve("promregator.yml"), yaml + "\n");

        Outcome check = run("--check-config", file.toString());

        assertThat(check.err()).isEmpty();
        assertThat(check.out()).startsWith(file + ": valid");
        assertThat(check.status()).isEqualTo(Main.EXIT_OK);
    }
}
