package dev.ledge.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A throwaway certificate authority for TLS tests, made with the JDK alone: X.509 v3 certificates
 * written out in DER by hand and signed with {@link Signature}, so tests need neither keytool nor
 * openssl. Issues server certificates (for localhost and 127.0.0.1) and client certificates, and
 * writes private keys as PKCS#8, PKCS#1 (RSA) or SEC1 (EC) PEM.
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");

    /** A certificate with its key, both as PEM text. */
    public record Issued(String certPem, KeyPair keys, String subject) {
        /** The private key as unencrypted PKCS#8 ("-----BEGIN PRIVATE KEY-----"). */
        public String pkcs8Pem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }

        /** The private key in its algorithm's own form: PKCS#1 for RSA, SEC1 (with the curve) for EC. */
        public String traditionalPem() {
            byte[][] info = Der.children(keys.getPrivate().getEncoded());
            byte[] inner = Der.content(info[2]);
            if (keys.getPrivate().getAlgorithm().equals("RSA")) {
                return pem("RSA PRIVATE KEY", inner);
            }
            byte[] curve = Der.children(info[1])[1];
            byte[][] ec = Der.children(inner);
            return pem("EC PRIVATE KEY", Der.seq(ec[0], ec[1], Der.tagged(0xa0, curve)));
        }
    }

    private final Issued ca;

    private TestPki(Issued ca) {
        this.ca = ca;
    }

    /** A new CA named {@code cn}, with an RSA key. */
    public static TestPki create(String cn) {
        KeyPair keys = generate("RSA");
        String subject = "CN=" + cn;
        byte[] ext = Der.seq(extension("2.5.29.19", true, Der.seq(Der.bool(true))),
                extension("2.5.29.15", true, Der.bitString(new byte[] {(byte) 0x06}, 1)));
        return new TestPki(new Issued(pem("CERTIFICATE", sign(cn, keys, cn, keys.getPrivate(), ext)), keys, subject));
    }

    public Issued ca() {
        return ca;
    }

    /** A server certificate for localhost / 127.0.0.1 with an RSA key. */
    public Issued server(String cn) {
        byte[] san = Der.seq(Der.tagged(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                Der.tagged(0x87, new byte[] {127, 0, 0, 1}));
        return issue(cn, "RSA", Der.seq(extension("2.5.29.17", false, san),
                extension("2.5.29.37", false, Der.seq(Der.oid("1.3.6.1.5.5.7.3.1")))));
    }

    /** A client certificate (extended key usage clientAuth) with a key of {@code keyAlgorithm} ("RSA" or "EC"). */
    public Issued client(String cn, String keyAlgorithm) {
        return issue(cn, keyAlgorithm, Der.seq(extension("2.5.29.37", false, Der.seq(Der.oid("1.3.6.1.5.5.7.3.2")))));
    }

    private Issued issue(String cn, String alg, byte[] extensions) {
        KeyPair keys = generate(alg);
        String caCn = ca.subject().substring(3);
        return new Issued(pem("CERTIFICATE", sign(cn, keys, caCn, ca.keys().getPrivate(), extensions)), keys, "CN=" + cn);
    }

    private static KeyPair generate(String alg) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(alg);
            if (alg.equals("EC")) {
                g.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.seq(Der.oid(oid), Der.bool(true), Der.octets(value)) : Der.seq(Der.oid(oid), Der.octets(value));
    }

    private static byte[] name(String cn) {
        return Der.seq(Der.set(Der.seq(Der.oid("2.5.4.3"), Der.utf8(cn))));
    }

    private static byte[] sign(String cn, KeyPair subjectKeys, String issuerCn, PrivateKey issuerKey, byte[] extensions) {
        boolean rsa = issuerKey.getAlgorithm().equals("RSA");
        byte[] algId = rsa ? Der.seq(Der.oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00}) : Der.seq(Der.oid("1.2.840.10045.4.3.2"));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] validity = Der.seq(Der.time(now.minusDays(1)), Der.time(now.plusDays(2)));
        byte[] tbs = Der.seq(Der.tagged(0xa0, Der.integer(BigInteger.TWO)), Der.integer(BigInteger.valueOf(SERIAL.incrementAndGet())),
                algId, name(issuerCn), validity, name(cn), subjectKeys.getPublic().getEncoded(), Der.tagged(0xa3, extensions));
        try {
            Signature s = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
            s.initSign(issuerKey);
            s.update(tbs);
            return Der.seq(tbs, algId, Der.bitString(s.sign(), 0));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM text of {@code der} under {@code type}. */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Just enough DER to write a certificate and take a private key apart. */
    static final class Der {
        private Der() {
        }

        static byte[] tagged(int tag, byte[]... parts) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (byte[] p : parts) {
                body.writeBytes(p);
            }
            int n = body.size();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(tag);
            if (n < 128) {
                out.write(n);
            } else {
                byte[] len = BigInteger.valueOf(n).toByteArray();
                int skip = len[0] == 0 ? 1 : 0;
                out.write(0x80 | (len.length - skip));
                out.write(len, skip, len.length - skip);
            }
            out.writeBytes(body.toByteArray());
            return out.toByteArray();
        }

        static byte[] seq(byte[]... parts) {
            return tagged(0x30, parts);
        }

        static byte[] set(byte[]... parts) {
            return tagged(0x31, parts);
        }

        static byte[] integer(BigInteger v) {
            return tagged(0x02, v.toByteArray());
        }

        static byte[] bool(boolean v) {
            return tagged(0x01, new byte[] {(byte) (v ? 0xff : 0)});
        }

        static byte[] octets(byte[] v) {
            return tagged(0x04, v);
        }

        static byte[] utf8(String s) {
            return tagged(0x0c, s.getBytes(StandardCharsets.UTF_8));
        }

        static byte[] time(ZonedDateTime t) {
            return tagged(0x17, UTC_TIME.format(t).getBytes(StandardCharsets.US_ASCII));
        }

        static byte[] bitString(byte[] bits, int unused) {
            byte[] v = new byte[bits.length + 1];
            v[0] = (byte) unused;
            System.arraycopy(bits, 0, v, 1, bits.length);
            return tagged(0x03, v);
        }

        static byte[] oid(String dotted) {
            String[] arcs = dotted.split("\\.");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
            for (int i = 2; i < arcs.length; i++) {
                long v = Long.parseLong(arcs[i]);
                int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(v) + 6) / 7);
                for (int g = groups - 1; g >= 0; g--) {
                    out.write((int) ((v >>> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
                }
            }
            return tagged(0x06, out.toByteArray());
        }

        /** The content of one DER element (its bytes after tag and length). */
        static byte[] content(byte[] element) {
            int at = 1;
            int len = element[at++] & 0xff;
            if (len >= 0x80) {
                int n = len & 0x7f;
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (element[at++] & 0xff);
                }
            }
            return Arrays.copyOfRange(element, at, at + len);
        }

        /** The elements inside a constructed DER element, each with its tag and length. */
        static byte[][] children(byte[] element) {
            byte[] body = content(element);
            java.util.List<byte[]> out = new java.util.ArrayList<>();
            int at = 0;
            while (at < body.length) {
                int start = at++;
                int len = body[at++] & 0xff;
                if (len >= 0x80) {
                    int n = len & 0x7f;
                    len = 0;
                    for (int i = 0; i < n; i++) {
                        len = (len << 8) | (body[at++] & 0xff);
                    }
                }
                at += len;
                out.add(Arrays.copyOfRange(body, start, at));
            }
            return out.toArray(new byte[0][]);
        }
    }
}
