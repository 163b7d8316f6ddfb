package dev.ledge.crypto;

import java.security.PublicKey;

/** A public key a guest imported with public_key_import; the object behind a public_key_handle. */
public record ImportedKey(PublicKey key) {
}
