package dev.ledge.crypto;

/** The ABI's {@code jwks_source_kind}: where jwt_verify finds the JWK set. */
public enum JwksSource {
    SECRET_STORE, CONFIG_STORE, INLINE;

    /** The source numbered {@code code} in the ABI, or {@code null}. */
    public static JwksSource byCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
