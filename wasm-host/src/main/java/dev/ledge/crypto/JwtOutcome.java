package dev.ledge.crypto;

/** What jwt_verify found: {@link JwtError#OK} with the claims' JSON bytes, or the reason for refusing. */
public record JwtOutcome(JwtError error, byte[] claims, String detail) {

    /** An accepted token with its claims. */
    public static JwtOutcome accepted(byte[] claims) {
        return new JwtOutcome(JwtError.OK, claims, "accepted");
    }

    /** A refused token; {@code detail} is for the host's log only. */
    public static JwtOutcome refused(JwtError error, String detail) {
        return new JwtOutcome(error, null, detail);
    }
}
