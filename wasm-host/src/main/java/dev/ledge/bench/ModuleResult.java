package dev.ledge.bench;

/**
 * What {@code ledge bench} measured for one module. Times in milliseconds or microseconds as
 * named; {@code baselineRps} is 0 when no plain Vert.x baseline was run. {@code requestCpu} is the
 * CPU time of the thread that ran each whole request: unlike wall time, it barely depends on what
 * else the machine is doing.
 */
public record ModuleResult(String module, double loadMillis, boolean fromCache, Latency instantiate,
                           Latency request, double firstRequestMillis, HttpLoad.Result http,
                           HttpLoad.Result baseline, Latency requestCpu) {
}
