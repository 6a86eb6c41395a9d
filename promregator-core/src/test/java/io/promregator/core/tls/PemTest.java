package io.promregator.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestCertificates.TestCertificate;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PemTest {
    private static final TestCertificate RSA = TestCertificates.server();
    private static final TestCertificate EC = TestCertificates.ec();

    @Test
    void readsEveryCertificateOfAChainInOrderIgnoringTextAround() {
        String chain = "subject=CN=server\n" + RSA.certificatePem() + "issuer=CN=ec\n" + EC.certificatePem();

        List<X509Certificate> certificates = Pem.certificates(chain);

        assertThat(certificates).containsExactly(RSA.certificate(), EC.certificate());
    }

    @Test
    void readsPkcs8RsaAndEcKeys() {
        PrivateKey rsa = Pem.privateKey(RSA.keyPem());
        PrivateKey ec = Pem.privateKey(EC.keyPem());

        assertThat(rsa.getAlgorithm()).isEqualTo("RSA");
        assertThat(rsa.getEncoded()).isEqualTo(RSA.key().getEncoded());
        assertThat(ec.getAlgorithm()).isEqualTo("EC");
        assertThat(ec.getEncoded()).isEqualTo(EC.key().getEncoded());
    }

    @Test
    void readsPkcs1RsaKeysByWrappingThemIntoPkcs8() {
        PrivateKey key = Pem.privateKey(RSA.rsaKeyPem());

        assertThat(key.getEncoded()).isEqualTo(RSA.key().getEncoded());
    }

    @Test
    void readsPemWhoseLineBreaksArrivedAsBackslashN() {
        String flattened = RSA.keyPem().replace("\n", "\\n");

        assertThat(Pem.privateKey(flattened).getEncoded()).isEqualTo(RSA.key().getEncoded());
    }

    @Test
    void rejectsAnEncryptedPkcs8KeyNamingWhatItFound() {
        PemException e = catchThrowableOfType(
                () -> Pem.privateKey(TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3})),
                PemException.class);

        assertThat(e.expected())
                .isEqualTo("PEM text with one unencrypted private key: PRIVATE KEY (PKCS#8, RSA or EC) or RSA PRIVATE"
                        + " KEY (PKCS#1)");
        assertThat(e.found()).startsWith("an ENCRYPTED PRIVATE KEY");
    }

    @Test
    void rejectsAnEncryptedPkcs1Key() {
        String encrypted = RSA.rsaKeyPem()
                .replace(
                        "-----BEGIN RSA PRIVATE KEY-----\n",
                        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\n");

        assertThat(catchThrowableOfType(() -> Pem.privateKey(encrypted), PemException.class)
                        .found())
                .startsWith("an encrypted RSA PRIVATE KEY");
    }

    @Test
    void rejectsOtherKeyFormsByTheirLabel() {
        assertThat(catchThrowableOfType(
                                () -> Pem.privateKey(TestCertificates.pem("EC PRIVATE KEY", new byte[] {1})),
                                PemException.class)
                        .found())
                .startsWith("an EC PRIVATE KEY (SEC 1; convert it");
        assertThat(catchThrowableOfType(
                                () -> Pem.privateKey(TestCertificates.pem("OPENSSH PRIVATE KEY", new byte[] {1})),
                                PemException.class)
                        .found())
                .isEqualTo("a OPENSSH PRIVATE KEY");
    }

    @Test
    void rejectsACertificateGivenAsKeyAndAKeyGivenAsCertificate() {
        assertThat(catchThrowableOfType(() -> Pem.privateKey(RSA.certificatePem()), PemException.class)
                        .found())
                .isEqualTo("only CERTIFICATE");
        assertThat(catchThrowableOfType(() -> Pem.certificates(RSA.keyPem()), PemException.class)
                        .found())
                .isEqualTo("only PRIVATE KEY");
        assertThat(catchThrowableOfType(() -> Pem.certificates("/etc/tls/cert.pem"), PemException.class)
                        .found())
                .isEqualTo("no PEM block (-----BEGIN ...-----)");
    }

    @Test
    void rejectsTwoKeysAndBrokenBlocks() {
        assertThat(catchThrowableOfType(() -> Pem.privateKey(RSA.keyPem() + EC.keyPem()), PemException.class)
                        .found())
                .isEqualTo("2 private keys");
        assertThat(catchThrowableOfType(
                                () -> Pem.privateKey(TestCertificates.pem("PRIVATE KEY", new byte[] {48, 3, 2, 1, 0})),
                                PemException.class)
                        .found())
                .isEqualTo("a PRIVATE KEY that is neither an RSA nor an EC key");
        assertThat(catchThrowableOfType(
                                () -> Pem.certificates(RSA.certificatePem().replace("M", "A")), PemException.class)
                        .found())
                .isEqualTo("a CERTIFICATE block (number 1) that is not an X.509 certificate");
    }

    @Test
    void messagesNeverCarryKeyMaterial() {
        String key = RSA.keyPem();
        String body = key.lines().skip(1).findFirst().orElseThrow();

        PemException e = catchThrowableOfType(() -> Pem.certificates(key), PemException.class);

        assertThat(e.getMessage()).doesNotContain(body.substring(0, 20));
    }
}
