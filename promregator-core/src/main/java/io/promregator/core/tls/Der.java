package io.promregator.core.tls;

import java.io.ByteArrayOutputStream;

/** Just enough ASN.1 DER writing to wrap a PKCS#1 RSA key into PKCS#8. */
final class Der {
    /** rsaEncryption, 1.2.840.113549.1.1.1, as an encoded OBJECT IDENTIFIER. */
    private static final byte[] RSA_ENCRYPTION = {
        0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01
    };

    private static final byte[] NULL = {0x05, 0x00};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;

    private Der() {}

    /**
     * PKCS#8 {@code PrivateKeyInfo ::= SEQUENCE { version 0, AlgorithmIdentifier { rsaEncryption, NULL },
     * OCTET STRING (the PKCS#1 RSAPrivateKey) }}.
     */
    static byte[] pkcs8FromPkcs1(byte[] rsaPrivateKey) {
        byte[] algorithm = tagged(SEQUENCE, concat(RSA_ENCRYPTION, NULL));
        return tagged(SEQUENCE, concat(VERSION_0, algorithm, tagged(OCTET_STRING, rsaPrivateKey)));
    }

    /** Tag, definite length (short or long form), contents. */
    static byte[] tagged(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
        out.write(tag);
        int length = contents.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
