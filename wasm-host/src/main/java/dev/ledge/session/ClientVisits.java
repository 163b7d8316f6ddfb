package dev.ledge.session;

import java.net.InetAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * How many requests each client address made recently (the last hour, in one-minute steps), for
 * each service and across the whole process, which plays the part of a Fastly POP: the answers of
 * {@code downstream_visits_this_service} and {@code downstream_visits_this_pop}. At most
 * {@link #MAX_CLIENTS} addresses are remembered per counter; the least recently seen go first.
 */
public final class ClientVisits {
    static final int MINUTES = 60;
    static final int MAX_CLIENTS = 100_000;
    private static final ClientVisits POP = new ClientVisits();
    private static final Map<Object, ClientVisits> BY_SERVICE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<InetAddress, long[]> byClient = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, long[]> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    /** Counts one request of {@code client} to {@code service} (any object that stands for it). */
    public static void record(Object service, InetAddress client) {
        if (client == null) {
            return;
        }
        long minute = System.currentTimeMillis() / 60_000;
        POP.add(client, minute);
        if (service != null) {
            BY_SERVICE.computeIfAbsent(service, k -> new ClientVisits()).add(client, minute);
        }
    }

    /** Requests of {@code client} to {@code service} in the last hour, this one included. */
    public static long toService(Object service, InetAddress client) {
        ClientVisits v = service == null ? null : BY_SERVICE.get(service);
        return v == null || client == null ? 0 : v.count(client, System.currentTimeMillis() / 60_000);
    }

    /** Requests of {@code client} to any service of this process in the last hour. */
    public static long toPop(InetAddress client) {
        return client == null ? 0 : POP.count(client, System.currentTimeMillis() / 60_000);
    }

    /** Slots: [minute of slot 0..59], then [count of slot 0..59]. */
    private synchronized void add(InetAddress client, long minute) {
        long[] slots = byClient.computeIfAbsent(client, k -> new long[2 * MINUTES]);
        int i = (int) (minute % MINUTES);
        if (slots[i] != minute) {
            slots[i] = minute;
            slots[MINUTES + i] = 0;
        }
        slots[MINUTES + i]++;
    }

    private synchronized long count(InetAddress client, long minute) {
        long[] slots = byClient.get(client);
        if (slots == null) {
            return 0;
        }
        long n = 0;
        for (int i = 0; i < MINUTES; i++) {
            if (minute - slots[i] < MINUTES) {
                n += slots[MINUTES + i];
            }
        }
        return n;
    }
}
