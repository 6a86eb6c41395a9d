package io.promregator.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import io.promregator.core.Promregator;
import io.promregator.core.TestBuilder;
import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestCertificates.TestCertificate;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server over HTTPS: TLS 1.3 and 1.2 with the configured certificate, nothing older. */
class HttpsServerTest {
    private static final TestCertificate SERVER = TestCertificates.server();

    private final Promregator promregator = TestBuilder.create()
            .server(ServerSettings.defaults()
                    .withAddress("127.0.0.1")
                    .withPort(0)
                    .withTls(SERVER.identity().serverContext()))
            .build()
            .start();

    @AfterEach
    void stop() {
        promregator.close();
    }

    private HttpResponse<String> get(String path, String protocol) throws Exception {
        SSLParameters parameters = new SSLParameters();
        parameters.setProtocols(new String[] {protocol});
        HttpClient client = HttpClient.newBuilder()
                .sslContext(SERVER.trustingContext())
                .sslParameters(parameters)
                .build();
        return client.send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + promregator.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersOverTls12AndTls13() throws Exception {
        HttpResponse<String> tls12 = get("/-/healthy", "TLSv1.2");
        HttpResponse<String> tls13 = get("/-/healthy", "TLSv1.3");

        assertThat(tls12.statusCode()).isEqualTo(200);
        assertThat(tls12.body()).isEqualTo("Promregator is Healthy.\n");
        assertThat(tls12.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.2");
        assertThat(tls12.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(SERVER.certificate());
        assertThat(tls13.statusCode()).isEqualTo(200);
        assertThat(tls13.sslSession().orElseThrow().getProtocol()).isEqualTo("TLSv1.3");
    }

    @Test
    void refusesAClientLimitedToTls11() {
        IOException e = catchThrowableOfType(() -> get("/-/healthy", "TLSv1.1"), IOException.class);

        assertThat(e).isInstanceOf(SSLException.class);
    }

    @Test
    void offersOnlyTls13And12WhateverTheJvmAllows() {
        AtomicReference<SSLParameters> chosen = new AtomicReference<>();
        ModernTlsConfigurator configurator =
                new ModernTlsConfigurator(SERVER.identity().serverContext());

        configurator.configure(new HttpsParameters() {
            @Override
            public HttpsConfigurator getHttpsConfigurator() {
                return configurator;
            }

            @Override
            public InetSocketAddress getClientAddress() {
                return new InetSocketAddress("127.0.0.1", 1);
            }

            @Override
            public void setSSLParameters(SSLParameters params) {
                chosen.set(params);
            }
        });

        assertThat(chosen.get().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    }

    @Test
    void discoveryNamesHttpsAsTheSchemeOfItsOwnEntries() throws Exception {
        HttpResponse<String> discovery = get("/discovery", "TLSv1.3");

        assertThat(discovery.body()).contains("\"__scheme__\":\"https\"");
    }
}
