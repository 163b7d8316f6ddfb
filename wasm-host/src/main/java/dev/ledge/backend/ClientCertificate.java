package dev.ledge.backend;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;

/**
 * The certificate (chain) and private key a backend presents when its origin asks for a client
 * certificate (mutual TLS), both PEM text, checked when the backend is defined: the chain must
 * hold X.509 certificates, the key must be one unencrypted PKCS#8, PKCS#1 (RSA) or SEC1 (EC) key
 * and must belong to the first certificate. Its text never appears in logs.
 */
public final class ClientCertificate {
    private static final Pattern PEM_BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final List<String> KEY_TYPES = List.of("PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");
    private static final byte[] PROBE = "ledge client certificate key check".getBytes(StandardCharsets.US_ASCII);

    private final String certificatePem;
    private final String keyPem;
    private final String subject;
    private final String fingerprint;

    private ClientCertificate(String certificatePem, String keyPem, String subject, String fingerprint) {
        this.certificatePem = certificatePem;
        this.keyPem = keyPem;
        this.subject = subject;
        this.fingerprint = fingerprint;
    }

    /** Why a certificate or key was refused; the message names the problem and never quotes the key. */
    public static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Checks and keeps {@code certificatePem} (one or more CERTIFICATE blocks, the client's own
     * first) and {@code keyPem} (its private key).
     */
    public static ClientCertificate parse(String certificatePem, String keyPem) throws Invalid {
        List<X509Certificate> chain = certificates(certificatePem);
        PrivateKey key = privateKey(certificatePem, keyPem, chain.get(0));
        checkPair(key, chain.get(0).getPublicKey());
        return new ClientCertificate(certificatePem, keyPem, chain.get(0).getSubjectX500Principal().getName(),
                fingerprint(certificatePem, keyPem));
    }

    private static List<X509Certificate> certificates(String pem) throws Invalid {
        List<X509Certificate> out = new ArrayList<>();
        Matcher m = PEM_BLOCK.matcher(pem);
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException(e);
        }
        while (m.find()) {
            if (!m.group(1).equals("CERTIFICATE")) {
                continue;
            }
            int n = out.size() + 1;
            byte[] der;
            try {
                der = Base64.getDecoder().decode(m.group(2).replaceAll("\\s+", ""));
            } catch (IllegalArgumentException e) {
                throw new Invalid("client certificate " + n + " is not valid base64: " + e.getMessage());
            }
            try {
                out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException e) {
                throw new Invalid("client certificate " + n + " is not a valid X.509 certificate: " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new Invalid("the client certificate has no -----BEGIN CERTIFICATE----- block");
        }
        return out;
    }

    private static PrivateKey privateKey(String certificatePem, String keyPem, X509Certificate leaf) throws Invalid {
        int keys = 0;
        Matcher m = PEM_BLOCK.matcher(keyPem);
        while (m.find()) {
            String type = m.group(1);
            if (type.equals("ENCRYPTED PRIVATE KEY")) {
                throw new Invalid("the client key is encrypted; give it unencrypted (PKCS#8, or PKCS#1/SEC1)");
            }
            if (KEY_TYPES.contains(type)) {
                keys++;
            }
        }
        if (keys == 0) {
            throw new Invalid("the client key has no -----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY block");
        }
        if (keys > 1) {
            throw new Invalid("the client key holds " + keys + " private keys; give exactly one");
        }
        X509KeyManager manager;
        try {
            KeyManagerFactory factory = new PemKeyCertOptions().setCertValue(Buffer.buffer(certificatePem))
                    .setKeyValue(Buffer.buffer(keyPem)).getKeyManagerFactory(null);
            manager = firstX509(factory.getKeyManagers());
        } catch (Exception e) {
            String why = describe(e);
            if (why.contains("does not match")) {
                // the key store refuses a key whose algorithm differs from the certificate's
                throw new Invalid("the client key does not match the certificate (a " + leaf.getPublicKey().getAlgorithm()
                        + " certificate): " + why);
            }
            throw new Invalid("the client key cannot be read: " + why);
        }
        String[] aliases = manager == null ? null : manager.getClientAliases(leaf.getPublicKey().getAlgorithm(), null);
        PrivateKey key = aliases == null || aliases.length == 0 ? null : manager.getPrivateKey(aliases[0]);
        if (key == null) {
            throw new Invalid("the client key is not a " + leaf.getPublicKey().getAlgorithm() + " key like the certificate's");
        }
        return key;
    }

    private static X509KeyManager firstX509(KeyManager[] managers) {
        for (KeyManager k : managers) {
            if (k instanceof X509KeyManager x) {
                return x;
            }
        }
        return null;
    }

    /** Signs a probe with {@code key} and verifies it with the certificate's public key. */
    private static void checkPair(PrivateKey key, PublicKey pub) throws Invalid {
        String alg = switch (pub.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            default -> throw new Invalid("client certificates with " + pub.getAlgorithm() + " keys are not supported (RSA, EC, Ed25519)");
        };
        if (!key.getAlgorithm().equals(pub.getAlgorithm()) && !(pub.getAlgorithm().startsWith("Ed") && key.getAlgorithm().startsWith("Ed"))) {
            throw new Invalid("the client key is a " + key.getAlgorithm() + " key but the certificate's key is " + pub.getAlgorithm());
        }
        try {
            Signature sign = Signature.getInstance(alg);
            sign.initSign(key);
            sign.update(PROBE);
            byte[] sig = sign.sign();
            Signature verify = Signature.getInstance(alg);
            verify.initVerify(pub);
            verify.update(PROBE);
            if (verify.verify(sig)) {
                return;
            }
        } catch (GeneralSecurityException e) {
            throw new Invalid("the client key does not match the certificate: " + describe(e));
        }
        throw new Invalid("the client key does not match the certificate (it is the key of another certificate)");
    }

    private static String describe(Throwable e) {
        String msg = e.getMessage();
        return msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg;
    }

    private static String fingerprint(String certificatePem, String keyPem) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(certificatePem.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            md.update(keyPem.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Vert.x key/certificate options a TLS client presents this certificate with. */
    public PemKeyCertOptions keyCertOptions() {
        return new PemKeyCertOptions().setCertValue(Buffer.buffer(certificatePem)).setKeyValue(Buffer.buffer(keyPem));
    }

    /** The subject of the client's own certificate, as an RFC 2253 name ("CN=edge,O=Example"). */
    public String subject() {
        return subject;
    }

    /** A SHA-256 over certificate and key, telling apart clients that must not share connections. */
    public String fingerprint() {
        return fingerprint;
    }

    @Override
    public String toString() {
        return "ClientCertificate[" + subject + "]";
    }
}
