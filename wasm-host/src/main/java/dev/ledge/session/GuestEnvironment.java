package dev.ledge.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The FASTLY_* environment variables a guest sees, per service; only FASTLY_TRACE_ID changes per
 * request. The SDKs read these to answer questions like "which POP am I on".
 */
public record GuestEnvironment(String serviceId, String serviceVersion, String customerId, String pop,
                               String region, String hostname, boolean staging, long cacheGeneration) {

    /** What a service gets when fastly.toml says nothing. */
    public static GuestEnvironment defaults() {
        return new GuestEnvironment("0000000000000000000000", "0", "0000000000000000000000", "LDG",
                "Local", "localhost", false, 0);
    }

    public GuestEnvironment withService(String id, String version) {
        return new GuestEnvironment(id, version, customerId, pop, region, hostname, staging, cacheGeneration);
    }

    /** The variables for one request. */
    public Map<String, String> variables(String traceId) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("FASTLY_CACHE_GENERATION", Long.toString(cacheGeneration));
        env.put("FASTLY_CUSTOMER_ID", customerId);
        env.put("FASTLY_HOSTNAME", hostname);
        env.put("FASTLY_IS_STAGING", staging ? "1" : "0");
        env.put("FASTLY_POP", pop);
        env.put("FASTLY_REGION", region);
        env.put("FASTLY_SERVICE_ID", serviceId);
        env.put("FASTLY_SERVICE_VERSION", serviceVersion);
        env.put("FASTLY_TRACE_ID", traceId);
        return env;
    }
}
