package io.promregator.core.auth;

import io.promregator.core.config.Authenticator;
import io.promregator.core.tls.Pem;
import io.promregator.core.tls.PemException;
import io.promregator.core.tls.TlsIdentity;
import java.net.URI;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;

/** {@code type: OAuth2XSUAACertificate}: checks its keys and reads the client certificate and key. */
final class CertificateAuthenticators {
    private CertificateAuthenticators() {}

    /**
     * The authenticator of one {@code oauth2xsuaaCertificate} block at {@code path}; each problem is added to
     * {@code problems} (and {@link TargetAuthenticator#NONE} returned, never used as the start fails).
     */
    static TargetAuthenticator create(String path, Authenticator.XsuaaCertificate config, List<String> problems) {
        int before = problems.size();
        if (config.tokenServiceCertUrl().isEmpty()) {
            problems.add(path + ".tokenServiceCertURL: must be the URL of the token service for client certificates. "
                    + "Found: nothing");
        }
        if (config.clientId().isEmpty()) {
            problems.add(path + ".client_id: must be the OAuth2 client id. Found: nothing");
        }
        List<X509Certificate> chain = read(
                path + ".client_certificates",
                Pem.CERTIFICATES_EXPECTED,
                problems,
                () -> Pem.certificates(config.clientCertificates()),
                config.clientCertificates());
        PrivateKey key = read(
                path + ".client_key",
                Pem.KEY_EXPECTED,
                problems,
                () -> Pem.privateKey(config.clientKey()),
                config.clientKey());
        if (problems.size() > before) {
            return TargetAuthenticator.NONE;
        }
        TlsIdentity identity;
        try {
            identity = new TlsIdentity(chain, key);
        } catch (PemException e) {
            problems.add(path + ".client_key: must be the private key of the first certificate in "
                    + "client_certificates. Found: " + e.found());
            return TargetAuthenticator.NONE;
        }
        return ClientCredentialsAuthenticator.withClientCertificate(
                URI.create(config.tokenServiceCertUrl()),
                config.clientId(),
                config.scopes(),
                identity.clientContext(),
                Clock.systemUTC());
    }

    private static <T> T read(String path, String expected, List<String> problems, Supplier<T> reader, String value) {
        if (value.isBlank()) {
            problems.add(path + ": must be " + expected + ". Found: nothing");
            return null;
        }
        try {
            return reader.get();
        } catch (PemException e) {
            problems.add(path + ": must be " + e.expected() + ". Found: " + e.found());
            return null;
        }
    }
}
