package dev.ledge.crypto;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.text.ParseException;
import java.util.List;

/** Reads the text jwt_verify is given as a JWK set: a {"keys": [...]} object, or one JWK. */
public final class JwkSets {
    private JwkSets() {
    }

    /** The keys in {@code json}. */
    public static List<JWK> parse(String json) throws InvalidKeyDataException {
        try {
            return JWKSet.parse(json).getKeys();
        } catch (ParseException | RuntimeException setProblem) {
            try {
                return List.of(JWK.parse(json));
            } catch (ParseException | RuntimeException keyProblem) {
                throw new InvalidKeyDataException("neither a JWK set nor a JWK: " + setProblem.getMessage());
            }
        }
    }
}
