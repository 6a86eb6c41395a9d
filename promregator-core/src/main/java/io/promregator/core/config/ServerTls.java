package io.promregator.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.promregator.core.tls.Locations;
import io.promregator.core.tls.Pem;
import io.promregator.core.tls.PemException;
import io.promregator.core.tls.TlsIdentity;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the certificate and key that {@code server.ssl.*} names, reporting each problem at its key: a
 * missing or unreadable file, a file without what it should hold, a key of another certificate.
 */
final class ServerTls {
    private static final String PATH = "server.ssl.";
    private static final String CERTIFICATE = PATH + "certificate";
    private static final String PRIVATE_KEY = PATH + "certificate-private-key";
    private static final String KEY_STORE = PATH + "key-store";

    private ServerTls() {}

    /** Checks {@code server.ssl} of a canonical configuration tree. */
    static void check(JsonNode ssl, Problems problems) {
        if (ssl.isObject()) {
            try {
                identity(ConfigSchema.MAPPER.treeToValue(ssl, ServerSsl.class), problems);
            } catch (JsonProcessingException e) {
                // a value of the wrong type, reported by the key checks already
            }
        }
    }

    /** The certificate and key HTTPS serves with; empty for plain HTTP, and when there are problems. */
    static Optional<TlsIdentity> identity(ServerSsl ssl, Problems problems) {
        if (!ssl.active()) {
            return Optional.empty();
        }
        if (!ssl.keyStore().isEmpty()) {
            if (!ssl.certificate().isEmpty() || !ssl.certificatePrivateKey().isEmpty()) {
                problems.addLine(KEY_STORE + ": must be empty when " + CERTIFICATE + " or " + PRIVATE_KEY
                        + " is set (give either PEM files or a key store). Found: " + Problems.quote(ssl.keyStore()));
                return Optional.empty();
            }
            return fromKeyStore(ssl, problems);
        }
        if (ssl.certificate().isEmpty() || ssl.certificatePrivateKey().isEmpty()) {
            String missing = ssl.certificate().isEmpty() ? CERTIFICATE : PRIVATE_KEY;
            String other = ssl.certificate().isEmpty() ? PRIVATE_KEY : CERTIFICATE;
            problems.addLine(missing + ": must be set when " + other + " is set, as HTTPS needs both. Found: nothing");
            return Optional.empty();
        }
        Optional<String> certificate = read(CERTIFICATE, ssl.certificate(), Pem.CERTIFICATES_EXPECTED, problems);
        Optional<String> key = read(PRIVATE_KEY, ssl.certificatePrivateKey(), Pem.KEY_EXPECTED, problems);
        if (certificate.isEmpty() || key.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new TlsIdentity(Pem.certificates(certificate.get()), Pem.privateKey(key.get())));
        } catch (PemException e) {
            boolean certificateProblem = e.expected().equals(Pem.CERTIFICATES_EXPECTED);
            String path = certificateProblem ? CERTIFICATE : PRIVATE_KEY;
            String value = certificateProblem ? ssl.certificate() : ssl.certificatePrivateKey();
            String expected = e.expected().equals(Pem.KEY_EXPECTED) || certificateProblem
                    ? e.expected()
                    : "the private key of the first certificate in " + CERTIFICATE;
            problems.addLine(path + ": must be " + (Pem.isPem(value) ? expected : inFile(expected)) + ". Found: "
                    + shown(value) + " with " + e.found());
            return Optional.empty();
        }
    }

    private static Optional<TlsIdentity> fromKeyStore(ServerSsl ssl, Problems problems) {
        byte[] store;
        try {
            store = Locations.read(ssl.keyStore());
        } catch (UncheckedIOException e) {
            problems.addLine(KEY_STORE + ": must be the location of a readable key store. Found: "
                    + Problems.quote(ssl.keyStore()) + ", " + why(e));
            return Optional.empty();
        }
        String type = (ssl.keyStoreType().isEmpty() ? KeyStore.getDefaultType() : ssl.keyStoreType())
                .toUpperCase(Locale.ROOT);
        try {
            return Optional.of(
                    TlsIdentity.fromKeyStore(store, type, ssl.keyStorePassword(), ssl.keyAlias(), ssl.keyPassword()));
        } catch (PemException e) {
            problems.addLine(KEY_STORE + ": must be " + e.expected() + ". Found: " + Problems.quote(ssl.keyStore())
                    + " with " + e.found());
            return Optional.empty();
        }
    }

    /** The PEM text itself, or the text of the file it names. */
    private static Optional<String> read(String path, String value, String expected, Problems problems) {
        if (Pem.isPem(value)) {
            return Optional.of(value);
        }
        try {
            return Optional.of(Locations.readText(value));
        } catch (UncheckedIOException e) {
            problems.addLine(path + ": must be the location of " + inFile(expected) + ". Found: "
                    + Problems.quote(value) + ", " + why(e));
            return Optional.empty();
        }
    }

    private static String why(UncheckedIOException e) {
        return e.getCause() instanceof NoSuchFileException
                ? "which does not exist"
                : "which cannot be read (" + e.getMessage() + ")";
    }

    /** "PEM text with X" as "a readable PEM file with X". */
    private static String inFile(String expected) {
        return expected.startsWith("PEM text ")
                ? "a readable PEM file " + expected.substring("PEM text ".length())
                : "a readable PEM file with " + expected;
    }

    /** A location as written; PEM text only as such, as it may be a key. */
    private static String shown(String value) {
        return Pem.isPem(value) ? "PEM text" : Problems.quote(value);
    }
}
