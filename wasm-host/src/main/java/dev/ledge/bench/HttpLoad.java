package dev.ledge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator of {@code ledge bench}: the JDK's HttpClient (HTTP/1.1, keep-alive) driven
 * by {@code connections} threads, each sending its next GET as soon as the previous answer's body
 * has arrived, so at most that many connections are open and busy at once.
 */
public final class HttpLoad {
    /** The outcome of one load run: requests answered, how many were not 2xx, and the rate. */
    public record Result(int requests, int errors, double seconds, double rps) {
        static final Result NONE = new Result(0, 0, 0, 0);
    }

    private final URI uri;
    private final int connections;

    public HttpLoad(URI uri, int connections) {
        this.uri = uri;
        this.connections = connections;
    }

    /** Sends {@code warmup} untimed requests, then {@code requests} timed ones. */
    public Result run(int warmup, int requests) {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        if (warmup > 0) {
            burst(client, warmup);
        }
        long t0 = System.nanoTime();
        int errors = burst(client, requests);
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Result(requests, errors, seconds, requests / seconds);
    }

    /** Sends {@code n} requests over the connections; returns how many were not answered with 2xx. */
    private int burst(HttpClient client, int n) {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                while (next.getAndIncrement() < n) {
                    try {
                        HttpResponse<byte[]> resp = client.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        if (resp.statusCode() / 100 != 2) {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "ledge-bench-load-" + c);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return errors.get();
    }
}
