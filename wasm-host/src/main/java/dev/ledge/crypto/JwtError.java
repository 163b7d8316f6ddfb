package dev.ledge.crypto;

/** The ABI's {@code jwt_error}: why jwt_verify did not accept a token, by ABI number. */
public enum JwtError {
    UNINITIALIZED, OK, MALFORMED, UNKNOWN_KEY, BAD_SIGNATURE, ALGORITHM_NOT_ALLOWED, EXPIRED,
    NOT_YET_VALID, WRONG_ISSUER, WRONG_AUDIENCE, STORE_MISSING, JWKS_INVALID;

    /** The number the guest sees. */
    public int code() {
        return ordinal();
    }
}
