package dev.ledge.session;

import java.util.Arrays;

/**
 * The handles one session has given out, of every kind, in one numbering space so that a handle
 * of the wrong kind is told apart from an unknown one: both get {@code badf}.
 * Handle 0 and the guest SDKs' "invalid handle" value (0xFFFFFFFE) are never issued.
 */
public final class HandleTables {
    private Object[] slots = new Object[16];
    private int next = 1;

    /** Stores {@code value} and returns its new handle. */
    public int add(Object value) {
        int h = next++;
        if (h >= slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        slots[h] = value;
        return h;
    }

    /** The object behind {@code handle} if it is of {@code kind}; otherwise badf. */
    public <T> T get(int handle, Class<T> kind) {
        Object o = handle > 0 && handle < next ? slots[handle] : null;
        if (o == null) {
            throw AbiError.badf("handle " + Integer.toUnsignedString(handle) + " is not open");
        }
        if (!kind.isInstance(o)) {
            throw AbiError.badf("handle " + handle + " is a " + kindName(o.getClass()) + ", not a " + kindName(kind));
        }
        return kind.cast(o);
    }

    /** Like {@link #get} and then closes the handle. */
    public <T> T take(int handle, Class<T> kind) {
        T t = get(handle, kind);
        slots[handle] = null;
        return t;
    }

    /** Closes {@code handle} if it holds an object of {@code kind}; otherwise badf. */
    public void remove(int handle, Class<?> kind) {
        take(handle, kind);
    }

    /** Every open object of {@code kind}. */
    public <T> java.util.List<T> all(Class<T> kind) {
        java.util.List<T> out = new java.util.ArrayList<>();
        for (int i = 1; i < next; i++) {
            if (kind.isInstance(slots[i])) {
                out.add(kind.cast(slots[i]));
            }
        }
        return out;
    }

    /** Number of open handles. */
    public int openCount() {
        int n = 0;
        for (int i = 1; i < next; i++) {
            if (slots[i] != null) {
                n++;
            }
        }
        return n;
    }

    private static String kindName(Class<?> c) {
        return c.getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
