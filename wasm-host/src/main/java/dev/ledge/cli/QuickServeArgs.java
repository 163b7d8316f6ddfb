package dev.ledge.cli;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a plain {@code ledge serve} command line without picocli, whose model of every command
 * takes a few hundred milliseconds to build in a JVM just started (its classes are of a
 * class-file version the JVM's class-data archives cannot hold), and without reflection, whose
 * annotation proxies and field accessors are generated classes costing tens of milliseconds more.
 * Every option of {@link ServeCommand} and its mixins is named here (QuickServeArgsTest checks
 * that against the annotations, and that the result equals picocli's). It handles options given
 * as {@code --name VALUE}, {@code --name=VALUE} or a flag, and at most one module file; for
 * anything else (help, version, an unknown option, an odd value) it gives null and picocli reads
 * the command line as before.
 */
final class QuickServeArgs {
    private QuickServeArgs() {
    }

    /** The serve command read from {@code args} ({@code serve} first), or null to leave it to picocli. */
    static ServeCommand parse(String[] args) {
        if (args.length == 0 || !args[0].equals("serve")) {
            return null;
        }
        try {
            return read(args);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ServeCommand read(String[] args) {
        ServeCommand cmd = new ServeCommand();
        Set<String> given = new HashSet<>();
        boolean positionalGiven = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("@")) {
                return null; // picocli's argument files
            }
            if (!a.startsWith("-")) {
                if (positionalGiven) {
                    return null;
                }
                cmd.module = Path.of(a);
                positionalGiven = true;
                continue;
            }
            int eq = a.startsWith("--") ? a.indexOf('=') : -1;
            String name = canonical(eq > 0 ? a.substring(0, eq) : a);
            if (name == null) {
                return null;
            }
            boolean again = !given.add(name);
            if (flag(cmd, name)) {
                if (eq > 0 || again) {
                    return null;
                }
                continue;
            }
            String value;
            if (eq > 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-") && !args[i + 1].startsWith("@")) {
                value = args[++i];
            } else {
                return null;
            }
            if ((again && !repeatable(name)) || !set(cmd, name, value)) {
                return null;
            }
        }
        return cmd;
    }

    /** The option's one name as used below ({@code -C} is {@code --config}), or null for an unknown one. */
    private static String canonical(String name) {
        return switch (name) {
            case "-C", "--config" -> "--config";
            case "--addr", "--max-in-flight", "--cache-dir", "--no-cache", "--cpu-budget-ms", "--deadline-ms",
                 "--memory-cap-mib", "--guest-memory-budget-mib", "--heavy-after-ms", "--heavy-turns",
                 "--max-request-body-bytes", "--max-headers", "--server-timing", "--access-log", "--admin-addr",
                 "--geo-db", "--trusted-proxy", "--trace-hostcalls", "--services", "--admin-token", "--state-dir" -> name;
            default -> null;
        };
    }

    private static boolean repeatable(String name) {
        return name.equals("--geo-db") || name.equals("--trusted-proxy");
    }

    /** Sets the flag {@code name} and gives true, or gives false when {@code name} takes a value. */
    private static boolean flag(ServeCommand cmd, String name) {
        switch (name) {
            case "--no-cache" -> cmd.cache.off = true;
            case "--server-timing" -> cmd.serverTiming = true;
            case "--access-log" -> cmd.accessLog = true;
            case "--trace-hostcalls" -> cmd.trace = true;
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Sets option {@code name} from {@code value}; false when the value does not convert. */
    private static boolean set(ServeCommand cmd, String name, String value) {
        try {
            switch (name) {
                case "--config" -> cmd.config = Path.of(value);
                case "--addr" -> cmd.addr = value;
                case "--max-in-flight" -> cmd.maxInFlight = Integer.parseInt(value);
                case "--cache-dir" -> cmd.cache.dir = Path.of(value);
                case "--cpu-budget-ms" -> cmd.limitOptions.cpuBudgetMs = Long.parseLong(value);
                case "--deadline-ms" -> cmd.limitOptions.deadlineMs = Long.parseLong(value);
                case "--memory-cap-mib" -> cmd.limitOptions.memoryCapMib = Long.parseLong(value);
                case "--guest-memory-budget-mib" -> cmd.limitOptions.guestMemoryBudgetMib = Long.valueOf(value);
                case "--heavy-after-ms" -> cmd.cpuLaneOptions.heavyAfterMs = Long.parseLong(value);
                case "--heavy-turns" -> cmd.cpuLaneOptions.heavyTurns = Integer.parseInt(value);
                case "--max-request-body-bytes" -> cmd.maxBody = Long.parseLong(value);
                case "--max-headers" -> cmd.maxHeaders = Integer.parseInt(value);
                case "--admin-addr" -> cmd.adminAddr = value;
                case "--geo-db" -> cmd.geoDatabases.add(Path.of(value));
                case "--trusted-proxy" -> cmd.trustedProxies.add(value);
                case "--services" -> cmd.services = Path.of(value);
                case "--admin-token" -> cmd.adminToken = value;
                case "--state-dir" -> cmd.stateDir = Path.of(value);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
