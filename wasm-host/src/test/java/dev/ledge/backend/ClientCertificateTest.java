package dev.ledge.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@link ClientCertificate#parse} accepts (PKCS#8, PKCS#1 and SEC1 keys, a chain) and the
 * message it refuses everything else with: each names the problem, none quotes the key.
 */
class ClientCertificateTest {
    static TestPki pki;
    static TestPki.Issued rsa;
    static TestPki.Issued ec;
    static TestPki.Issued otherRsa;

    @BeforeAll
    static void certificates() {
        pki = TestPki.create("Unit CA");
        rsa = pki.client("unit-rsa", "RSA");
        ec = pki.client("unit-ec", "EC");
        otherRsa = pki.client("unit-other", "RSA");
    }

    private static String refusal(String cert, String key) {
        String msg = assertThrows(ClientCertificate.Invalid.class, () -> ClientCertificate.parse(cert, key)).getMessage();
        assertTrue(!msg.contains(key.length() > 40 ? key.substring(30, 40) : "\u0000"), "the key text is never quoted: " + msg);
        return msg;
    }

    @Test
    void everyKeyFormatVertxReadsIsAccepted() throws Exception {
        assertEquals("CN=unit-rsa", ClientCertificate.parse(rsa.certPem(), rsa.pkcs8Pem()).subject());
        assertEquals("CN=unit-rsa", ClientCertificate.parse(rsa.certPem(), rsa.traditionalPem()).subject());
        assertEquals("CN=unit-ec", ClientCertificate.parse(ec.certPem(), ec.pkcs8Pem()).subject());
        assertEquals("CN=unit-ec", ClientCertificate.parse(ec.certPem(), ec.traditionalPem()).subject());
        ClientCertificate chain = ClientCertificate.parse(rsa.certPem() + pki.ca().certPem(), rsa.pkcs8Pem());
        assertEquals("CN=unit-rsa", chain.subject(), "the subject is the first certificate's");
        assertEquals("ClientCertificate[CN=unit-rsa]", chain.toString());
    }

    @Test
    void theFingerprintTellsCertificatesAndKeysApart() throws Exception {
        String a = ClientCertificate.parse(rsa.certPem(), rsa.pkcs8Pem()).fingerprint();
        assertEquals(a, ClientCertificate.parse(rsa.certPem(), rsa.pkcs8Pem()).fingerprint());
        assertNotEquals(a, ClientCertificate.parse(rsa.certPem(), rsa.traditionalPem()).fingerprint());
        assertNotEquals(a, ClientCertificate.parse(ec.certPem(), ec.pkcs8Pem()).fingerprint());
    }

    @Test
    void badCertificatesAreNamed() {
        assertTrue(refusal("", rsa.pkcs8Pem()).contains("has no -----BEGIN CERTIFICATE----- block"));
        assertTrue(refusal(rsa.pkcs8Pem(), rsa.pkcs8Pem()).contains("has no -----BEGIN CERTIFICATE----- block"));
        assertTrue(refusal("-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----", rsa.pkcs8Pem())
                .startsWith("client certificate 1 is not valid base64"));
        assertTrue(refusal(rsa.certPem() + TestPki.pem("CERTIFICATE", new byte[] {0x30, 0x00}), rsa.pkcs8Pem())
                .startsWith("client certificate 2 is not a valid X.509 certificate"));
    }

    @Test
    void badKeysAreNamed() {
        assertTrue(refusal(rsa.certPem(), "").contains("the client key has no -----BEGIN PRIVATE KEY-----"));
        assertTrue(refusal(rsa.certPem(), rsa.certPem()).contains("the client key has no -----BEGIN PRIVATE KEY-----"));
        assertTrue(refusal(rsa.certPem(), TestPki.pem("ENCRYPTED PRIVATE KEY", new byte[] {0x30, 0x00})).contains("is encrypted"));
        assertTrue(refusal(rsa.certPem(), rsa.pkcs8Pem() + rsa.traditionalPem()).contains("holds 2 private keys"));
        assertTrue(refusal(rsa.certPem(), TestPki.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00}))
                .startsWith("the client key cannot be read"));
        assertTrue(refusal(rsa.certPem(), "-----BEGIN RSA PRIVATE KEY-----\n!!\n-----END RSA PRIVATE KEY-----")
                .startsWith("the client key cannot be read"));
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() {
        assertEquals("the client key does not match the certificate (it is the key of another certificate)",
                refusal(rsa.certPem(), otherRsa.pkcs8Pem()));
        assertTrue(refusal(rsa.certPem(), ec.pkcs8Pem()).startsWith("the client key does not match the certificate (a RSA certificate)"));
        assertTrue(refusal(ec.certPem(), rsa.traditionalPem()).startsWith("the client key does not match the certificate (a EC certificate)"));
    }
}
