package dev.ledge.deploy;

import java.time.Instant;

/** One deployed module of a service: its number, content hash, when it was deployed, its size and where it came from. */
public record ModuleVersion(int id, String sha256, Instant deployed, long bytes, String source) {
}
