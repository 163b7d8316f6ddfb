package dev.ledge.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The ABI's {@code digest_algorithm}: the hash of a digest or an HMAC, by its ABI number. */
public enum DigestAlgorithm {
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48),
    SHA512("SHA-512", "HmacSHA512", 64);

    private final String digestName;
    private final String macName;
    private final int length;

    DigestAlgorithm(String digestName, String macName, int length) {
        this.digestName = digestName;
        this.macName = macName;
        this.length = length;
    }

    /** The digest's length in bytes. */
    public int length() {
        return length;
    }

    /** The algorithm numbered {@code code} in the ABI, or {@code null}. */
    public static DigestAlgorithm byCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }

    /** The digest of {@code data}. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digestName).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + digestName, e);
        }
    }

    /** The HMAC of {@code data} under {@code key} (any length, also empty). */
    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(macName);
            // SecretKeySpec refuses empty keys; HMAC pads keys with zeros, so one zero byte is the same key.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, macName));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + macName, e);
        }
    }

    /** Whether {@code mac} is the HMAC of {@code data}, compared in constant time. */
    public boolean hmacMatches(byte[] key, byte[] data, byte[] mac) {
        return MessageDigest.isEqual(hmac(key, data), mac);
    }

    @Override
    public String toString() {
        return digestName;
    }
}
