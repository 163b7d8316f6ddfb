package dev.ledge.config;

import dev.ledge.engine.SandboxLimits;
import java.util.List;

/**
 * One service as a services file describes it: its name, the host names routed to it (and
 * whether it is the default), its module, its fastly.toml and any limits it sets itself (null:
 * the server-wide value). {@code origin} names the services file it was described in, for error
 * messages (null: the command line, whose own errors need no context).
 */
public record ServiceSpec(String origin, String name, List<String> hosts, boolean isDefault,
                          String moduleName, byte[] moduleBytes, FastlyToml toml,
                          Long cpuBudgetMs, Long deadlineMs, Long memoryCapMib, Integer maxInFlight) {

    /** This service's sandbox limits: its own where it sets them, else those of {@code defaults}. */
    public SandboxLimits limits(SandboxLimits defaults) {
        return new SandboxLimits(cpuBudgetMs != null ? cpuBudgetMs : defaults.cpuBudgetMs(),
                deadlineMs != null ? deadlineMs : defaults.deadlineMs(),
                memoryCapMib != null ? memoryCapMib << 20 : defaults.memoryCapBytes());
    }

    /** Its in-flight limit, or {@code fallback} when it sets none. */
    public int maxInFlight(int fallback) {
        return maxInFlight != null ? maxInFlight : fallback;
    }

    /** An error about {@code key} of this service, naming the file it came from. */
    public ConfigException error(String key, String problem) {
        return ServicesFile.error(origin, name, key, problem);
    }
}
