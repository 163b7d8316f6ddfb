package dev.ledge.crypto;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Checks one JWS compact JWT against a JWK set, in the order the ABI documents: structure,
 * algorithm allow-list, key set, key, signature, then "exp", "nbf", "iss" and "aud".
 */
public final class JwtVerifier {
    /** Supplies the JWK set once the token's shape and algorithm were found acceptable. */
    @FunctionalInterface
    public interface KeySetLoader {
        /** The keys, or a {@link Refusal} with {@code store_missing} or {@code jwks_invalid}. */
        List<JWK> load() throws Refusal;
    }

    /** A refusal found while loading the key set. */
    public static final class Refusal extends Exception {
        private final JwtOutcome outcome;

        public Refusal(JwtError error, String detail) {
            super(detail, null, false, false);
            this.outcome = JwtOutcome.refused(error, detail);
        }

        public JwtOutcome outcome() {
            return outcome;
        }
    }

    static final int MIN_RSA_BITS = 2048;

    private JwtVerifier() {
    }

    /** Checks {@code token} at {@code now}. */
    public static JwtOutcome verify(String token, JwtOptions options, KeySetLoader keys, Instant now) {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            if (isUnsecured(token)) {
                return JwtOutcome.refused(JwtError.ALGORITHM_NOT_ALLOWED, "alg none is never allowed");
            }
            return JwtOutcome.refused(JwtError.MALFORMED, "not a signed JWT: " + e.getMessage());
        }
        JWSHeader header = jwt.getHeader();
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return JwtOutcome.refused(JwtError.MALFORMED, "critical header parameters are not supported");
        }
        JwtAlgorithm alg = JwtAlgorithm.byJwsName(header.getAlgorithm().getName());
        if (alg == null || !options.allows(alg)) {
            return JwtOutcome.refused(JwtError.ALGORITHM_NOT_ALLOWED, "alg " + header.getAlgorithm() + " is not allowed");
        }
        List<JWK> set;
        try {
            set = keys.load();
        } catch (Refusal r) {
            return r.outcome();
        }
        List<JWK> candidates = candidates(set, header.getKeyID(), alg);
        if (candidates.isEmpty()) {
            return JwtOutcome.refused(JwtError.UNKNOWN_KEY, "no key for kid " + header.getKeyID() + " and alg " + alg.jwsName());
        }
        byte[] input = jwt.getSigningInput();
        byte[] signature = jwt.getSignature().decode();
        if (candidates.stream().noneMatch(k -> signatureMatches(alg, k, input, signature))) {
            return JwtOutcome.refused(JwtError.BAD_SIGNATURE, "the signature does not verify");
        }
        return checkClaims(jwt, claims, options, now);
    }

    /** Whether {@code token} is a well-formed unsecured ("alg": "none") JWT. */
    private static boolean isUnsecured(String token) {
        try {
            return JWTParser.parse(token) instanceof PlainJWT;
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    private static JwtOutcome checkClaims(SignedJWT jwt, JWTClaimsSet claims, JwtOptions options, Instant now) {
        long skew = options.clockSkewSeconds();
        Date exp = claims.getExpirationTime();
        if (exp != null && !now.isBefore(exp.toInstant().plusSeconds(skew))) {
            return JwtOutcome.refused(JwtError.EXPIRED, "expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plusSeconds(skew).isBefore(nbf.toInstant())) {
            return JwtOutcome.refused(JwtError.NOT_YET_VALID, "not valid before " + nbf.toInstant());
        }
        if (options.issuer() != null && !options.issuer().equals(claims.getIssuer())) {
            return JwtOutcome.refused(JwtError.WRONG_ISSUER, "issuer " + claims.getIssuer());
        }
        if (options.audience() != null
                && (claims.getAudience() == null || !claims.getAudience().contains(options.audience()))) {
            return JwtOutcome.refused(JwtError.WRONG_AUDIENCE, "audience " + claims.getAudience());
        }
        return JwtOutcome.accepted(jwt.getPayload().toBytes());
    }

    /** The keys with the token's kid (any key when it has none) whose type, "alg" and "use" fit. */
    private static List<JWK> candidates(List<JWK> set, String kid, JwtAlgorithm alg) {
        List<JWK> out = new ArrayList<>();
        for (JWK k : set) {
            if (kid != null && !kid.equals(k.getKeyID())) {
                continue;
            }
            if (k.getAlgorithm() != null && !k.getAlgorithm().getName().equals(alg.jwsName())) {
                continue;
            }
            if (k.getKeyUse() != null && !KeyUse.SIGNATURE.equals(k.getKeyUse())) {
                continue;
            }
            if (alg.hmac() != null ? hmacKeyFits(k, alg) : publicKey(k, alg) != null) {
                out.add(k);
            }
        }
        return out;
    }

    /** An "oct" key at least as long as the hash output (RFC 7518, section 3.2). */
    private static boolean hmacKeyFits(JWK k, JwtAlgorithm alg) {
        return k instanceof OctetSequenceKey oct && oct.toByteArray().length >= alg.hmac().length();
    }

    /** The key when it fits the algorithm; RSA keys need at least 2048 bits (RFC 7518, section 3.3). */
    private static PublicKey publicKey(JWK k, JwtAlgorithm alg) {
        try {
            PublicKey key = PublicKeys.fromJwk(k);
            if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                return null;
            }
            return alg.signature().fits(key) ? key : null;
        } catch (InvalidKeyDataException e) {
            return null;
        }
    }

    private static boolean signatureMatches(JwtAlgorithm alg, JWK k, byte[] input, byte[] signature) {
        if (alg.hmac() != null) {
            return alg.hmac().hmacMatches(((OctetSequenceKey) k).toByteArray(), input, signature);
        }
        return alg.signature().verify(publicKey(k, alg), input, signature);
    }
}
