package dev.ledge.crypto;

/**
 * A JWS algorithm jwt_verify knows, with its bit in the ABI's {@code jwt_algorithms} flags and
 * how it is checked: an HMAC hash or a public-key scheme.
 */
public enum JwtAlgorithm {
    HS256(DigestAlgorithm.SHA256, null),
    HS384(DigestAlgorithm.SHA384, null),
    HS512(DigestAlgorithm.SHA512, null),
    RS256(null, SignatureAlgorithm.RS256),
    RS384(null, SignatureAlgorithm.RS384),
    RS512(null, SignatureAlgorithm.RS512),
    PS256(null, SignatureAlgorithm.PS256),
    PS384(null, SignatureAlgorithm.PS384),
    PS512(null, SignatureAlgorithm.PS512),
    ES256(null, SignatureAlgorithm.ES256),
    ES384(null, SignatureAlgorithm.ES384),
    EDDSA(null, SignatureAlgorithm.ED25519);

    /** Every defined bit of {@code jwt_algorithms}. */
    public static final int ALL_BITS = (1 << values().length) - 1;

    private final DigestAlgorithm hmac;
    private final SignatureAlgorithm signature;

    JwtAlgorithm(DigestAlgorithm hmac, SignatureAlgorithm signature) {
        this.hmac = hmac;
        this.signature = signature;
    }

    /** The algorithm a JWS header's "alg" names, or {@code null} (also for "none"). */
    public static JwtAlgorithm byJwsName(String alg) {
        for (JwtAlgorithm a : values()) {
            if (a.jwsName().equals(alg)) {
                return a;
            }
        }
        return null;
    }

    public String jwsName() {
        return this == EDDSA ? "EdDSA" : name();
    }

    /** This algorithm's bit in {@code jwt_algorithms}. */
    public int bit() {
        return 1 << ordinal();
    }

    /** The HMAC hash, or {@code null} for a public-key algorithm. */
    public DigestAlgorithm hmac() {
        return hmac;
    }

    /** The public-key scheme, or {@code null} for an HMAC. */
    public SignatureAlgorithm signature() {
        return signature;
    }
}
