package dev.ledge.bench;

/**
 * How hard to measure: timed iterations per measurement, untimed warm-up iterations before them,
 * concurrent HTTP connections, the request path, and whether to serve the same bytes from a plain
 * Vert.x handler for comparison.
 */
public record BenchSettings(int requests, int warmup, int connections, String path, boolean baselineVertx) {
    public BenchSettings {
        if (requests < 1 || warmup < 0 || connections < 1) {
            throw new IllegalArgumentException("requests and connections must be at least 1, warmup at least 0");
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
    }
}
