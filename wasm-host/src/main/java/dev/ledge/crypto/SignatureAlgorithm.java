package dev.ledge.crypto;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/**
 * The ABI's {@code signature_algorithm}: a JWS public-key signature scheme, checked with the
 * JDK's providers (ECDSA signatures as r||s, the JWS "P1363" form; PSS with MGF1 and a salt as
 * long as the hash).
 */
public enum SignatureAlgorithm {
    RS256("RS256", "SHA256withRSA", null, 0),
    RS384("RS384", "SHA384withRSA", null, 0),
    RS512("RS512", "SHA512withRSA", null, 0),
    PS256("PS256", "RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32), 0),
    PS384("PS384", "RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48), 0),
    PS512("PS512", "RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64), 0),
    ES256("ES256", "SHA256withECDSAinP1363Format", null, 256),
    ES384("ES384", "SHA384withECDSAinP1363Format", null, 384),
    ED25519("EdDSA", "Ed25519", null, 0);

    private final String jwsName;
    private final String jdkName;
    private final AlgorithmParameterSpec params;
    private final int curveBits;

    SignatureAlgorithm(String jwsName, String jdkName, AlgorithmParameterSpec params, int curveBits) {
        this.jwsName = jwsName;
        this.jdkName = jdkName;
        this.params = params;
        this.curveBits = curveBits;
    }

    private static PSSParameterSpec pss(String hash, MGF1ParameterSpec mgf, int saltLen) {
        return new PSSParameterSpec(hash, "MGF1", mgf, saltLen, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    /** The algorithm numbered {@code code} in the ABI, or {@code null}. */
    public static SignatureAlgorithm byCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }

    public String jwsName() {
        return jwsName;
    }

    /** Whether this scheme can use {@code key}: its type and, for ECDSA, its curve size. */
    public boolean fits(PublicKey key) {
        return switch (this) {
            case RS256, RS384, RS512, PS256, PS384, PS512 -> key instanceof RSAPublicKey;
            case ES256, ES384 -> key instanceof ECPublicKey ec
                    && ec.getParams().getCurve().getField().getFieldSize() == curveBits;
            case ED25519 -> key instanceof EdECPublicKey ed && ed.getParams().getName().equalsIgnoreCase("Ed25519");
        };
    }

    /**
     * Whether {@code signature} is a good signature of {@code data} by {@code key}; a signature of
     * the wrong length or encoding is simply not good. The key must {@link #fits fit}.
     */
    public boolean verify(PublicKey key, byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance(jdkName);
            if (params != null) {
                s.setParameter(params);
            }
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (java.security.SignatureException | java.security.InvalidKeyException | java.security.ProviderException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot check " + jdkName, e);
        }
    }
}
