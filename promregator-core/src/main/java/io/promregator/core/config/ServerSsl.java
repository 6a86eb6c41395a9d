package io.promregator.core.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.promregator.core.ConfigurationException;
import io.promregator.core.tls.Pem;
import io.promregator.core.tls.TlsIdentity;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code server.ssl.*}, Spring Boot's keys for serving HTTPS. This version acts on the PEM pair
 * ({@code certificate}, {@code certificate-private-key}) and on a key store ({@code key-store} with its
 * password, type, alias and key password); the other keys are accepted and have no effect yet. HTTPS is
 * on when {@code enabled} (the default) and a certificate or key store is set; it offers TLS 1.3 and 1.2.
 *
 * @param enabled {@code false} serves plain HTTP even when a certificate is set
 * @param certificate the certificate chain: the location of a PEM file (a path, {@code file:} or
 *     {@code classpath:}), or the PEM text itself
 * @param certificatePrivateKey the certificate's unencrypted private key, PEM, as {@code certificate}
 * @param keyStore the location of a PKCS12 or JKS key store holding the certificate and key
 * @param keyStoreType {@code PKCS12} or {@code JKS}; empty for the JVM's default (PKCS12, which reads JKS too)
 * @param keyAlias the key store entry to use; empty for the first key entry
 * @param keyPassword the key entry's password; empty for the store's
 */
public record ServerSsl(
        boolean enabled,
        String certificate,
        @JsonProperty("certificate-private-key") String certificatePrivateKey,
        @JsonProperty("key-store") String keyStore,
        @JsonProperty("key-store-password") String keyStorePassword,

        @Key(Check.KEY_STORE_TYPE) @JsonProperty("key-store-type")
        String keyStoreType,

        @JsonProperty("key-alias") String keyAlias,
        @JsonProperty("key-password") String keyPassword,

        @Key(implemented = false) @JsonProperty("key-store-provider")
        String keyStoreProvider,

        @Key(implemented = false) @JsonProperty("trust-certificate")
        String trustCertificate,

        @Key(implemented = false) @JsonProperty("trust-certificate-private-key")
        String trustCertificatePrivateKey,

        @Key(implemented = false) @JsonProperty("trust-store")
        String trustStore,

        @Key(implemented = false) @JsonProperty("trust-store-password")
        String trustStorePassword,

        @Key(implemented = false) @JsonProperty("trust-store-type")
        String trustStoreType,

        @Key(implemented = false) @JsonProperty("trust-store-provider")
        String trustStoreProvider,

        @Key(implemented = false) @JsonProperty("client-auth")
        String clientAuth,

        @Key(implemented = false) String protocol,

        @Key(implemented = false) @JsonProperty("enabled-protocols")
        List<String> enabledProtocols,

        @Key(implemented = false) List<String> ciphers,
        @Key(implemented = false) String bundle) {

    public ServerSsl {
        certificate = Objects.requireNonNullElse(certificate, "");
        certificatePrivateKey = Objects.requireNonNullElse(certificatePrivateKey, "");
        keyStore = Objects.requireNonNullElse(keyStore, "");
        keyStorePassword = Objects.requireNonNullElse(keyStorePassword, "");
        keyStoreType = Objects.requireNonNullElse(keyStoreType, "");
        keyAlias = Objects.requireNonNullElse(keyAlias, "");
        keyPassword = Objects.requireNonNullElse(keyPassword, "");
        keyStoreProvider = Objects.requireNonNullElse(keyStoreProvider, "");
        trustCertificate = Objects.requireNonNullElse(trustCertificate, "");
        trustCertificatePrivateKey = Objects.requireNonNullElse(trustCertificatePrivateKey, "");
        trustStore = Objects.requireNonNullElse(trustStore, "");
        trustStorePassword = Objects.requireNonNullElse(trustStorePassword, "");
        trustStoreType = Objects.requireNonNullElse(trustStoreType, "");
        trustStoreProvider = Objects.requireNonNullElse(trustStoreProvider, "");
        clientAuth = Objects.requireNonNullElse(clientAuth, "");
        protocol = Objects.requireNonNullElse(protocol, "");
        enabledProtocols = enabledProtocols == null ? List.of() : List.copyOf(enabledProtocols);
        ciphers = ciphers == null ? List.of() : List.copyOf(ciphers);
        bundle = Objects.requireNonNullElse(bundle, "");
    }

    /** Plain HTTP. */
    public static ServerSsl defaults() {
        return pem("", "");
    }

    /** HTTPS from a PEM certificate chain and key (locations or PEM text). */
    public static ServerSsl pem(String certificate, String certificatePrivateKey) {
        return new ServerSsl(
                true,
                certificate,
                certificatePrivateKey,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /**
     * The certificate and key HTTPS serves with, read now; empty for plain HTTP.
     *
     * @throws ConfigurationException when they cannot be read, naming the key
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public Optional<TlsIdentity> identity() {
        Problems problems = new Problems();
        Optional<TlsIdentity> identity = ServerTls.identity(this, problems);
        problems.throwIfAny();
        return identity;
    }

    /** Whether the server speaks HTTPS: enabled, and a certificate, its key or a key store set. */
    public boolean active() {
        return enabled && !(certificate.isEmpty() && certificatePrivateKey.isEmpty() && keyStore.isEmpty());
    }

    @Override
    public String toString() {
        return "ServerSsl[enabled=" + enabled + ", certificate=" + shown(certificate) + ", certificatePrivateKey="
                + (certificatePrivateKey.isEmpty() ? "" : Problems.HIDDEN) + ", keyStore=" + keyStore
                + ", keyStorePassword=" + Problems.HIDDEN + ", keyAlias=" + keyAlias + ", keyPassword="
                + Problems.HIDDEN + "]";
    }

    private static String shown(String value) {
        return Pem.isPem(value) ? "<PEM text>" : value;
    }
}
