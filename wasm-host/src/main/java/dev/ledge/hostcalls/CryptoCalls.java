package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.crypto.CryptoService;
import dev.ledge.crypto.DigestAlgorithm;
import dev.ledge.crypto.ImportedKey;
import dev.ledge.crypto.InvalidKeyDataException;
import dev.ledge.crypto.JwksSource;
import dev.ledge.crypto.JwtAlgorithm;
import dev.ledge.crypto.JwtError;
import dev.ledge.crypto.JwtOptions;
import dev.ledge.crypto.JwtOutcome;
import dev.ledge.crypto.PublicKeys;
import dev.ledge.crypto.SignatureAlgorithm;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;
import dev.ledge.stores.ConfigStores;
import dev.ledge.stores.SecretStores;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SecureRandom;

/**
 * {@code ledge_crypto}: Ledge's own digests, HMACs, signature checks, random bytes and one-call JWT
 * verification against JWK sets in the service's stores. Every failure is a status or a jwt_error.
 */
final class CryptoCalls {
    static final String M = "ledge_crypto";
    static final int MAX_RANDOM = 65536;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "digest", i32s(6), (s, a) -> {
            DigestAlgorithm alg = digestAlgorithm((int) a[0]);
            byte[] data = s.memory().read((int) a[1], (int) a[2], "data");
            s.memory().writeSized(alg.digest(data), (int) a[3], (int) a[4], (int) a[5]);
            return 0;
        });
        r.fn(M, "hmac_sign", i32s(8), (s, a) -> {
            DigestAlgorithm alg = digestAlgorithm((int) a[0]);
            byte[] key = s.memory().read((int) a[1], (int) a[2], "key");
            byte[] data = s.memory().read((int) a[3], (int) a[4], "data");
            s.memory().writeSized(alg.hmac(key, data), (int) a[5], (int) a[6], (int) a[7]);
            return 0;
        });
        r.fn(M, "hmac_verify", i32s(8), (s, a) -> {
            DigestAlgorithm alg = digestAlgorithm((int) a[0]);
            byte[] key = s.memory().read((int) a[1], (int) a[2], "key");
            byte[] data = s.memory().read((int) a[3], (int) a[4], "data");
            byte[] mac = s.memory().read((int) a[5], (int) a[6], "mac");
            s.memory().check((int) a[7], 4, "valid out");
            s.memory().writeU32((int) a[7], alg.hmacMatches(key, data, mac) ? 1 : 0, "valid out");
            return 0;
        });
        r.fn(M, "public_key_import", i32s(4), CryptoCalls::publicKeyImport);
        r.fn(M, "public_key_close", i32s(1), (s, a) -> {
            s.handles().take((int) a[0], ImportedKey.class);
            return 0;
        });
        r.fn(M, "signature_verify", i32s(7), CryptoCalls::signatureVerify);
        r.fn(M, "random_bytes", i32s(2), (s, a) -> {
            int len = (int) a[1];
            if (Integer.toUnsignedLong(len) > MAX_RANDOM) {
                throw AbiError.inval("random_bytes gives at most " + MAX_RANDOM + " bytes at a time");
            }
            s.memory().check((int) a[0], len, "buf");
            byte[] bytes = new byte[len];
            RANDOM.nextBytes(bytes);
            s.memory().write((int) a[0], bytes, "buf");
            return 0;
        });
        r.fn(M, "jwt_verify", i32s(12), CryptoCalls::jwtVerify);
    }

    private static DigestAlgorithm digestAlgorithm(int code) {
        DigestAlgorithm alg = DigestAlgorithm.byCode(code);
        if (alg == null) {
            throw AbiError.inval(code + " is not a digest_algorithm");
        }
        return alg;
    }

    /** public_key_import(format, key_ptr, key_len, key_out). */
    static int publicKeyImport(Session s, long[] a) {
        int format = (int) a[0];
        if (format != 0 && format != 1) {
            throw AbiError.inval(format + " is not a public_key_format");
        }
        byte[] bytes = s.memory().read((int) a[1], (int) a[2], "key");
        s.memory().check((int) a[3], 4, "key out");
        PublicKey key;
        try {
            key = format == 0 ? PublicKeys.fromJwkJson(utf8(bytes, "JWK")) : PublicKeys.fromSpki(bytes);
        } catch (InvalidKeyDataException e) {
            throw AbiError.inval(e.getMessage());
        }
        s.memory().writeU32((int) a[3], s.handles().add(new ImportedKey(key)), "key out");
        return 0;
    }

    /** signature_verify(key, alg, data_ptr, data_len, sig_ptr, sig_len, valid_out). */
    static int signatureVerify(Session s, long[] a) {
        ImportedKey key = s.handles().get((int) a[0], ImportedKey.class);
        SignatureAlgorithm alg = SignatureAlgorithm.byCode((int) a[1]);
        if (alg == null) {
            throw AbiError.inval((int) a[1] + " is not a signature_algorithm");
        }
        if (!alg.fits(key.key())) {
            throw AbiError.inval(alg.jwsName() + " cannot use a " + key.key().getAlgorithm() + " key of this size");
        }
        byte[] data = s.memory().read((int) a[2], (int) a[3], "data");
        byte[] sig = s.memory().read((int) a[4], (int) a[5], "signature");
        s.memory().check((int) a[6], 4, "valid out");
        s.memory().writeU32((int) a[6], alg.verify(key.key(), data, sig) ? 1 : 0, "valid out");
        return 0;
    }

    /**
     * jwt_verify(token_ptr, token_len, source, store_ptr, store_len, entry_ptr, entry_len, options,
     * claims_buf, buf_len, nwritten_out, jwt_error_out).
     */
    static int jwtVerify(Session s, long[] a) {
        GuestMemory mem = s.memory();
        String token = mem.readUtf8((int) a[0], (int) a[1], "token");
        JwksSource source = JwksSource.byCode((int) a[2]);
        if (source == null) {
            throw AbiError.inval((int) a[2] + " is not a jwks_source_kind");
        }
        String store = mem.readUtf8((int) a[3], (int) a[4], "store name");
        String entry = mem.readUtf8((int) a[5], (int) a[6], "entry");
        JwtOptions options = readOptions(mem, (int) a[7]);
        int buf = (int) a[8];
        int cap = (int) a[9];
        mem.check(buf, cap, "claims buf");
        mem.check((int) a[10], 4, "nwritten out");
        mem.check((int) a[11], 4, "jwt_error out");
        JwtOutcome outcome = s.resource(CryptoService.class).verifyJwt(token, source, store, entry, options,
                s.resource(SecretStores.class), s.resource(ConfigStores.class));
        mem.writeU32((int) a[11], outcome.error().code(), "jwt_error out");
        if (outcome.error() != JwtError.OK) {
            throw new AbiError(Status.ERROR, "JWT refused (" + outcome.error() + "): " + outcome.detail());
        }
        mem.writeSized(outcome.claims(), buf, cap, (int) a[10]);
        return 0;
    }

    private static JwtOptions readOptions(GuestMemory mem, int ptr) {
        mem.check(ptr, 24, "options");
        int algorithms = mem.readU32(ptr, "options.algorithms");
        if ((algorithms & ~JwtAlgorithm.ALL_BITS) != 0) {
            throw AbiError.inval("options.algorithms has undefined bits " + Integer.toHexString(algorithms & ~JwtAlgorithm.ALL_BITS));
        }
        long skew = Integer.toUnsignedLong(mem.readU32(ptr + 4, "options.clock_skew_sec"));
        String issuer = optionalString(mem, ptr + 8, "options.issuer");
        String audience = optionalString(mem, ptr + 16, "options.audience");
        return new JwtOptions(algorithms, skew, issuer, audience);
    }

    private static String optionalString(GuestMemory mem, int field, String what) {
        int len = mem.readU32(field + 4, what + "_len");
        return len == 0 ? null : mem.readUtf8(mem.readU32(field, what), len, what);
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw AbiError.inval(what + " is not UTF-8");
        }
    }
}
