package dev.ledge.ops;

import dev.ledge.session.GuestLog;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The live feed of guest log lines behind the admin address's {@code /tail}: wraps a service's
 * {@link GuestLog} so that every line still goes where it went and is also offered to each
 * subscriber whose filter takes it.
 */
public final class LogTail {
    private final Set<TailSubscriber> subscribers = new CopyOnWriteArraySet<>();

    /** A log for {@code service} that writes to {@code delegate} and feeds the subscribers. */
    public GuestLog forService(String service, GuestLog delegate) {
        return (id, source, line) -> {
            delegate.line(id, source, line);
            if (!subscribers.isEmpty()) {
                TailLine t = new TailLine(System.currentTimeMillis(), id, service, source, line);
                for (TailSubscriber s : subscribers) {
                    s.offer(t);
                }
            }
        };
    }

    void add(TailSubscriber s) {
        subscribers.add(s);
    }

    void remove(TailSubscriber s) {
        subscribers.remove(s);
    }

    /** Subscribers connected now. */
    public int subscriberCount() {
        return subscribers.size();
    }
}
