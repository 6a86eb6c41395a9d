package io.promregator.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate chain and its private key: what a TLS server presents, or a client when the server asks
 * for a client certificate. The compact constructor checks that the key belongs to the first certificate.
 *
 * @param chain the own certificate first, then the CAs that issued it (the root may be left out)
 * @param key the private key of the first certificate
 */
public record TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
    private static final char[] IN_MEMORY_PASSWORD = "promregator".toCharArray();

    public TlsIdentity {
        chain = List.copyOf(chain);
        Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a TLS identity needs at least one certificate");
        }
        if (!belongsTo(key, chain.get(0))) {
            throw new PemException(
                    "the private key of the first certificate",
                    "a " + key.getAlgorithm() + " key that does not belong to the certificate for "
                            + chain.get(0).getSubjectX500Principal().getName());
        }
    }

    /**
     * From PEM text: the chain from {@code certificates}, the key from {@code privateKey}.
     *
     * @throws PemException when either text does not hold what it should, or the two do not belong together
     */
    public static TlsIdentity fromPem(String certificates, String privateKey) {
        return new TlsIdentity(Pem.certificates(certificates), Pem.privateKey(privateKey));
    }

    /**
     * From a key store file's bytes (PKCS12 or JKS).
     *
     * @param alias the key entry to use; empty for the first key entry of the store
     * @param keyPassword the key's password; empty to use the store's
     * @throws PemException when the store cannot be opened or holds no such key entry
     */
    public static TlsIdentity fromKeyStore(
            byte[] store, String type, String storePassword, String alias, String keyPassword) {
        String expected = "a " + type + " key store, readable with the given password, with a private key entry"
                + (alias.isEmpty() ? "" : " named \"" + alias + "\"");
        KeyStore keyStore;
        try {
            keyStore = KeyStore.getInstance(type);
            keyStore.load(new ByteArrayInputStream(store), storePassword.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new PemException(expected, "content that does not open as one (" + e.getMessage() + ")", e);
        }
        try {
            for (String name : Collections.list(keyStore.aliases())) {
                if ((alias.isEmpty() || name.equals(alias)) && keyStore.isKeyEntry(name)) {
                    char[] password = (keyPassword.isEmpty() ? storePassword : keyPassword).toCharArray();
                    PrivateKey key = (PrivateKey) keyStore.getKey(name, password);
                    Certificate[] chain = keyStore.getCertificateChain(name);
                    return new TlsIdentity(
                            List.of(chain).stream()
                                    .map(X509Certificate.class::cast)
                                    .toList(),
                            key);
                }
            }
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new PemException(expected, "a key entry that cannot be read (" + e.getMessage() + ")", e);
        }
        throw new PemException(expected, "entries " + aliases(keyStore));
    }

    /** A TLS context that presents this identity as a server. */
    public SSLContext serverContext() {
        return context(keyManagers(), null);
    }

    /** A TLS context that presents this identity when a server asks, and trusts what the JVM trusts. */
    public SSLContext clientContext() {
        return context(keyManagers(), null);
    }

    /** A TLS context that presents this identity when a server asks, and trusts only {@code trust}. */
    public SSLContext clientContext(KeyStore trust) {
        return context(keyManagers(), trustManagers(Optional.of(trust)));
    }

    /** A key store of trusted certificates, e.g. a private CA, for {@link #clientContext(KeyStore)}. */
    public static KeyStore trustStore(List<X509Certificate> certificates) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("trusted-" + i, certificates.get(i));
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an in-memory key store", e);
        }
    }

    /** A TLS context without own certificate that trusts only {@code trust}. */
    public static SSLContext trusting(KeyStore trust) {
        return context(null, trustManagers(Optional.of(trust)));
    }

    private KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", key, IN_MEMORY_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY_PASSWORD);
            return factory.getKeyManagers();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot hold the TLS identity in memory", e);
        }
    }

    private static TrustManager[] trustManagers(Optional<KeyStore> trust) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust.orElse(null));
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a trust manager", e);
        }
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context", e);
        }
    }

    /** Signs a few bytes with the key and checks the signature with the certificate's public key. */
    private static boolean belongsTo(PrivateKey key, X509Certificate certificate) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> null;
        };
        if (algorithm == null
                || !key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = "promregator".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static String aliases(KeyStore store) {
        try {
            List<String> names = Collections.list(store.aliases());
            return names.isEmpty() ? "none" : String.join(", ", names) + ", none of them a matching key entry";
        } catch (GeneralSecurityException e) {
            return "that cannot be listed";
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + chain.get(0).getSubjectX500Principal().getName() + ", key <hidden>]";
    }
}
