package dev.ledge.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the output of a `ledge serve` process started by a test: every line kept, the port it listens on. */
final class ServeOutput {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/");

    private ServeOutput() {
    }

    /**
     * Collects {@code p}'s output lines into {@code log} (on a daemon thread, until it ends) and
     * returns the loopback port it says it listens on, failing with the output if it exits first.
     */
    static int awaitPort(Process p, Queue<String> log, Duration timeout) throws Exception {
        BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    log.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
                port.completeExceptionally(new AssertionError("ledge exited before listening: " + String.join("\n", log)));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return port.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
