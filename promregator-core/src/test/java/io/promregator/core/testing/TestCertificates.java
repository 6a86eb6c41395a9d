package io.promregator.core.testing;

import io.promregator.core.tls.TlsIdentity;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Self-signed certificates for TLS tests, made by the JDK's {@code keytool} (no openssl needed) once per
 * test JVM, and written out as PEM. Every certificate but {@link #elsewhere()} names 127.0.0.1 and localhost,
 * so that any of them can serve a loopback test server.
 */
public final class TestCertificates {
    public static final String STORE_PASSWORD = "changeit";

    private static final Map<String, TestCertificate> MADE = new ConcurrentHashMap<>();
    private static Path directory;

    private TestCertificates() {}

    /** An RSA certificate for a test server. */
    public static TestCertificate server() {
        return make("server", "RSA");
    }

    /** An RSA certificate for a client presenting itself to a server that asks. */
    public static TestCertificate client() {
        return make("client", "RSA");
    }

    /** Another RSA client certificate, trusted by nobody. */
    public static TestCertificate stranger() {
        return make("stranger", "RSA");
    }

    /** An EC (P-256) certificate. */
    public static TestCertificate ec() {
        return make("ec", "EC");
    }

    /** An RSA certificate for cf.example.invalid only: wrong for a server on 127.0.0.1. */
    public static TestCertificate elsewhere() {
        return make("elsewhere", "RSA");
    }

    /** A certificate and key, with their PEM forms. */
    public record TestCertificate(String name, X509Certificate certificate, PrivateKey key, Path keyStore) {
        public String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        /** PKCS#8 {@code PRIVATE KEY}. */
        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** PKCS#1 {@code RSA PRIVATE KEY}: the octet string inside the PKCS#8 form. */
        public String rsaKeyPem() {
            return pem("RSA PRIVATE KEY", pkcs1(key.getEncoded()));
        }

        public TlsIdentity identity() {
            return new TlsIdentity(List.of(certificate), key);
        }

        /** A key store trusting only this certificate. */
        public KeyStore trustStore() {
            return TlsIdentity.trustStore(List.of(certificate));
        }

        /** A client context that trusts this certificate only, and presents none. */
        public SSLContext trustingContext() {
            return TlsIdentity.trusting(trustStore());
        }

        /** A server context presenting this certificate, trusting these client certificates. */
        public SSLContext serverContextTrusting(TestCertificate... clients) {
            KeyStore trust = TlsIdentity.trustStore(
                    Arrays.stream(clients).map(TestCertificate::certificate).toList());
            return identity().clientContext(trust); // keys and trust alike serve either side
        }

        public Path writeCertificate(Path file) {
            return write(file, certificatePem());
        }

        public Path writeKey(Path file) {
            return write(file, keyPem());
        }
    }

    private static synchronized TestCertificate make(String name, String algorithm) {
        TestCertificate made = MADE.get(name);
        if (made != null) {
            return made;
        }
        try {
            if (directory == null) {
                directory = Files.createTempDirectory("promregator-test-certificates");
                directory.toFile().deleteOnExit();
            }
            Path store = directory.resolve(name + ".p12");
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair",
                    "-alias",
                    name,
                    "-keyalg",
                    algorithm,
                    "-keysize",
                    algorithm.equals("EC") ? "256" : "2048",
                    "-dname",
                    name.equals("elsewhere") ? "CN=cf.example.invalid" : "CN=" + name + ".promregator.test",
                    "-ext",
                    name.equals("elsewhere") ? "SAN=dns:cf.example.invalid" : "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    store.toString(),
                    "-storepass",
                    STORE_PASSWORD,
                    "-keypass",
                    STORE_PASSWORD));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            store.toFile().deleteOnExit();
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, STORE_PASSWORD.toCharArray());
            }
            made = new TestCertificate(
                    name,
                    (X509Certificate) keys.getCertificate(name),
                    (PrivateKey) keys.getKey(name, STORE_PASSWORD.toCharArray()),
                    store);
            MADE.put(name, made);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** PEM: the label, then base64 in lines of 64 characters. */
    public static String pem(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n";
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its third element, an OCTET STRING. */
    private static byte[] pkcs1(byte[] pkcs8) {
        int[] at = {0};
        header(pkcs8, at); // SEQUENCE
        int version = header(pkcs8, at);
        at[0] += version;
        int algorithm = header(pkcs8, at);
        at[0] += algorithm;
        int length = header(pkcs8, at); // OCTET STRING
        return Arrays.copyOfRange(pkcs8, at[0], at[0] + length);
    }

    /** Reads a tag and length at at[0], leaves at[0] on the contents, and returns their length. */
    private static int header(byte[] der, int[] at) {
        at[0]++; // tag
        int first = der[at[0]++] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[at[0]++] & 0xff);
        }
        return length;
    }

    private static Path write(Path file, String text) {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
