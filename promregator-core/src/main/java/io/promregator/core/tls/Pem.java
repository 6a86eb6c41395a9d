package io.promregator.core.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text: X.509 certificate chains ({@code CERTIFICATE} blocks) and unencrypted private keys, either
 * PKCS#8 {@code PRIVATE KEY} (RSA or EC) or PKCS#1 {@code RSA PRIVATE KEY}. Text outside the blocks is
 * ignored, and so is {@code \n} written as two characters (as PEM often arrives through environment
 * variables). Anything else fails with a {@link PemException} naming what was found; key material never
 * appears in a message. Thread-safe (stateless).
 */
public final class Pem {
    /** What {@link #privateKey(String)} takes, as configuration errors say it. */
    public static final String KEY_EXPECTED =
            "PEM text with one unencrypted private key: PRIVATE KEY (PKCS#8, RSA or EC) or RSA PRIVATE KEY (PKCS#1)";
    /** What {@link #certificates(String)} takes, as configuration errors say it. */
    public static final String CERTIFICATES_EXPECTED = "PEM text with one or more CERTIFICATE blocks (X.509)";

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private record Block(String label, String headers, String body) {}

    private Pem() {}

    /** Whether {@code value} is PEM text itself rather than the location of a file holding it. */
    public static boolean isPem(String value) {
        return value.contains("-----BEGIN ");
    }

    /** The certificates of every {@code CERTIFICATE} block, in order: the own certificate first, then its CAs. */
    public static List<X509Certificate> certificates(String text) {
        List<Block> blocks = blocks(text);
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("this JVM cannot read X.509 certificates", e);
        }
        for (Block block : blocks) {
            if (!block.label().equals("CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add(
                        (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(decode(block))));
            } catch (CertificateException | IllegalArgumentException e) {
                throw new PemException(
                        CERTIFICATES_EXPECTED,
                        "a CERTIFICATE block (number " + (certificates.size() + 1) + ") that is not an X.509 "
                                + "certificate",
                        e);
            }
        }
        if (certificates.isEmpty()) {
            throw new PemException(CERTIFICATES_EXPECTED, describe(blocks));
        }
        return List.copyOf(certificates);
    }

    /** The one private key in the text. */
    public static PrivateKey privateKey(String text) {
        List<Block> keys = blocks(text).stream()
                .filter(block -> block.label().endsWith("PRIVATE KEY"))
                .toList();
        if (keys.size() != 1) {
            throw new PemException(
                    KEY_EXPECTED, keys.isEmpty() ? describe(blocks(text)) : keys.size() + " private keys");
        }
        Block key = keys.get(0);
        return switch (key.label()) {
            case "PRIVATE KEY" -> pkcs8(decode(key));
            case "RSA PRIVATE KEY" -> pkcs1(key);
            case "ENCRYPTED PRIVATE KEY" ->
                throw new PemException(
                        KEY_EXPECTED, "an ENCRYPTED PRIVATE KEY (decrypt it first, e.g. openssl pkey -in key.pem)");
            case "EC PRIVATE KEY" ->
                throw new PemException(
                        KEY_EXPECTED,
                        "an EC PRIVATE KEY (SEC 1; convert it, e.g. openssl pkcs8 -topk8 -nocrypt -in key.pem)");
            default -> throw new PemException(KEY_EXPECTED, "a " + key.label());
        };
    }

    private static PrivateKey pkcs8(byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new PemException(KEY_EXPECTED, "a PRIVATE KEY that is neither an RSA nor an EC key");
    }

    private static PrivateKey pkcs1(Block key) {
        if (key.headers().contains("ENCRYPTED")) {
            throw new PemException(
                    KEY_EXPECTED, "an encrypted RSA PRIVATE KEY (decrypt it first, e.g. openssl pkey -in key.pem)");
        }
        try {
            return KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Der.pkcs8FromPkcs1(decode(key))));
        } catch (GeneralSecurityException e) {
            throw new PemException(KEY_EXPECTED, "an RSA PRIVATE KEY that does not parse", e);
        }
    }

    private static List<Block> blocks(String text) {
        Matcher matcher = BLOCK.matcher(text.replace("\\n", "\n"));
        List<Block> blocks = new ArrayList<>();
        while (matcher.find()) {
            String content = matcher.group(2);
            String headers = "";
            int blank = content.indexOf("\n\n");
            int blankCrLf = content.indexOf("\r\n\r\n");
            int end = blank >= 0 ? blank : blankCrLf;
            if (end >= 0 && content.substring(0, end).contains(":")) { // RFC 1421 headers such as Proc-Type
                headers = content.substring(0, end);
                content = content.substring(end);
            }
            blocks.add(new Block(matcher.group(1), headers, content));
        }
        return blocks;
    }

    private static byte[] decode(Block block) {
        try {
            return Base64.getMimeDecoder().decode(block.body().strip());
        } catch (IllegalArgumentException e) {
            throw new PemException(
                    block.label().endsWith("PRIVATE KEY") ? KEY_EXPECTED : CERTIFICATES_EXPECTED,
                    "a " + block.label() + " block that is not base64",
                    e);
        }
    }

    private static String describe(List<Block> blocks) {
        if (blocks.isEmpty()) {
            return "no PEM block (-----BEGIN ...-----)";
        }
        Set<String> labels = new LinkedHashSet<>();
        blocks.forEach(block -> labels.add(block.label()));
        return "only " + String.join(", ", labels);
    }
}
