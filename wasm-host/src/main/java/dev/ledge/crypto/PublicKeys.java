package dev.ledge.crypto;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;

/** Turns JWKs and DER SubjectPublicKeyInfo into JDK public keys (RSA, EC P-256/P-384, Ed25519). */
public final class PublicKeys {
    /** The DER SubjectPublicKeyInfo of an Ed25519 key, up to its 32 key bytes (RFC 8410). */
    private static final byte[] ED25519_SPKI_PREFIX = {
        0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private PublicKeys() {
    }

    /** The public key in one JWK's JSON text. */
    public static PublicKey fromJwkJson(String json) throws InvalidKeyDataException {
        try {
            return fromJwk(JWK.parse(json));
        } catch (ParseException e) {
            throw new InvalidKeyDataException("not a JWK: " + e.getMessage());
        }
    }

    /** The public key of a parsed JWK; "oct" keys and unsupported curves are refused. */
    public static PublicKey fromJwk(JWK jwk) throws InvalidKeyDataException {
        try {
            if (jwk instanceof RSAKey rsa) {
                return rsa.toRSAPublicKey();
            }
            if (jwk instanceof ECKey ec) {
                if (!ec.getCurve().equals(Curve.P_256) && !ec.getCurve().equals(Curve.P_384)) {
                    throw new InvalidKeyDataException("EC curve " + ec.getCurve() + " is not supported");
                }
                return ec.toECPublicKey();
            }
            if (jwk instanceof OctetKeyPair okp) {
                if (!okp.getCurve().equals(Curve.Ed25519)) {
                    throw new InvalidKeyDataException("OKP curve " + okp.getCurve() + " is not supported");
                }
                byte[] x = okp.getDecodedX();
                if (x.length != 32) {
                    throw new InvalidKeyDataException("an Ed25519 key has 32 bytes, not " + x.length);
                }
                byte[] der = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
                System.arraycopy(x, 0, der, ED25519_SPKI_PREFIX.length, 32);
                return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            }
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            throw new InvalidKeyDataException("bad " + jwk.getKeyType() + " key: " + e.getMessage());
        }
        throw new InvalidKeyDataException("a " + jwk.getKeyType() + " JWK is not a public key");
    }

    /** The public key in a DER SubjectPublicKeyInfo. */
    public static PublicKey fromSpki(byte[] der) throws InvalidKeyDataException {
        for (String type : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                PublicKey k = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                if (k instanceof ECPublicKey ec) {
                    int bits = ec.getParams().getCurve().getField().getFieldSize();
                    if (bits != 256 && bits != 384) {
                        throw new InvalidKeyDataException("EC keys on a " + bits + "-bit curve are not supported");
                    }
                }
                return k;
            } catch (GeneralSecurityException | RuntimeException e) {
                // not this type; try the next
            }
        }
        throw new InvalidKeyDataException("not a DER SubjectPublicKeyInfo of an RSA, EC or Ed25519 key");
    }
}
