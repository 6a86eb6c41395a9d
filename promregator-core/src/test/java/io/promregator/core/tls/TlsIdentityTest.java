package io.promregator.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.promregator.core.testing.TestCertificates;
import io.promregator.core.testing.TestCertificates.TestCertificate;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsIdentityTest {
    private static final TestCertificate SERVER = TestCertificates.server();
    private static final TestCertificate CLIENT = TestCertificates.client();

    @Test
    void readsChainAndKeyFromPem() {
        TlsIdentity identity = TlsIdentity.fromPem(SERVER.certificatePem(), SERVER.rsaKeyPem());

        assertThat(identity.chain()).containsExactly(SERVER.certificate());
        assertThat(identity.serverContext().getProtocol()).isEqualTo("TLS");
        assertThat(identity.toString()).contains("CN=server.promregator.test").contains("<hidden>");
    }

    @Test
    void rejectsAKeyThatBelongsToAnotherCertificate() {
        PemException e = catchThrowableOfType(
                () -> TlsIdentity.fromPem(SERVER.certificatePem(), CLIENT.keyPem()), PemException.class);

        assertThat(e.found())
                .isEqualTo("a RSA key that does not belong to the certificate for " + "CN=server.promregator.test");
    }

    @Test
    void rejectsAnEcKeyForAnRsaCertificate() {
        PemException e = catchThrowableOfType(
                () -> new TlsIdentity(
                        List.of(SERVER.certificate()), TestCertificates.ec().key()),
                PemException.class);

        assertThat(e.found()).startsWith("a EC key that does not belong");
    }

    @Test
    void readsTheKeyEntryOfAPkcs12KeyStore() throws Exception {
        byte[] store = Files.readAllBytes(SERVER.keyStore());

        TlsIdentity identity = TlsIdentity.fromKeyStore(store, "PKCS12", TestCertificates.STORE_PASSWORD, "", "");

        assertThat(identity.chain()).containsExactly(SERVER.certificate());
        assertThat(identity.key().getEncoded()).isEqualTo(SERVER.key().getEncoded());
    }

    @Test
    void namesWhatAKeyStoreLacks() throws Exception {
        byte[] store = Files.readAllBytes(SERVER.keyStore());

        PemException wrongAlias = catchThrowableOfType(
                () -> TlsIdentity.fromKeyStore(store, "PKCS12", TestCertificates.STORE_PASSWORD, "other", ""),
                PemException.class);
        PemException wrongPassword = catchThrowableOfType(
                () -> TlsIdentity.fromKeyStore(store, "PKCS12", "wrong", "", ""), PemException.class);

        assertThat(wrongAlias.expected()).endsWith("with a private key entry named \"other\"");
        assertThat(wrongAlias.found()).isEqualTo("entries server, none of them a matching key entry");
        assertThat(wrongPassword.found()).startsWith("content that does not open as one");
    }
}
