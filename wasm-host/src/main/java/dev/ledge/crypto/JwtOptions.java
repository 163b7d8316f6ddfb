package dev.ledge.crypto;

/**
 * The ABI's {@code jwt_verify_options}: the allowed algorithms (jwt_algorithms bits), the clock
 * skew tolerated for "exp" and "nbf", and the issuer and audience required ({@code null}: any).
 */
public record JwtOptions(int algorithms, long clockSkewSeconds, String issuer, String audience) {

    /** Whether the {@code jwt_algorithms} bit of {@code a} is set. */
    public boolean allows(JwtAlgorithm a) {
        return (algorithms & a.bit()) != 0;
    }
}
