package dev.ledge.ops;

import io.vertx.core.Context;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One /tail client: a bounded queue of lines that match its filters, written as Server-Sent
 * Events on the client's event loop. When the client reads too slowly the queue fills and new
 * lines are dropped and counted; the client is told how many, where the gap is, before the next
 * line it gets.
 */
final class TailSubscriber {
    /** A line waiting to be written, with the count of lines dropped just before it. */
    private record Pending(long droppedBefore, TailLine line) {
    }

    private final HttpServerResponse response;
    private final Context context;
    private final String service;
    private final String source;
    private final int capacity;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    TailSubscriber(HttpServerResponse response, Context context, String service, String source, int capacity) {
        this.response = response;
        this.context = context;
        this.service = service;
        this.source = source;
        this.capacity = capacity;
    }

    /** Called on any thread: queues the line if it matches and there is room. */
    void offer(TailLine t) {
        if (service != null && !service.equals(t.service()) || source != null && !source.equals(t.source())) {
            return;
        }
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            Metrics.global().tailDropped(1);
            return;
        }
        queue.add(new Pending(dropped.getAndSet(0), t));
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    /** On the event loop: writes queued lines until the connection's write queue is full. */
    private void drain() {
        scheduled.set(false);
        if (response.closed()) {
            queue.clear();
            return;
        }
        while (!response.writeQueueFull()) {
            Pending p = queue.poll();
            if (p == null) {
                return;
            }
            queued.decrementAndGet();
            StringBuilder event = new StringBuilder();
            if (p.droppedBefore() > 0) {
                event.append("event: dropped\ndata: {\"dropped\":").append(p.droppedBefore()).append("}\n\n");
            }
            event.append("data: ").append(p.line().json()).append("\n\n");
            response.write(event.toString());
        }
        response.drainHandler(v -> schedule());
    }
}
