package dev.ledge.abi;

/** The i32 status every Fastly hostcall returns, with its ABI code. */
public enum Status {
    OK(0), ERROR(1), INVAL(2), BADF(3), BUFLEN(4), UNSUPPORTED(5), BADALIGN(6), HTTPINVALID(7),
    HTTPUSER(8), HTTPINCOMPLETE(9), NONE(10), HTTPHEADTOOLARGE(11), HTTPINVALIDSTATUS(12),
    LIMITEXCEEDED(13), AGAIN(14);

    private final int code;

    Status(int code) {
        this.code = code;
    }

    /** The value the guest sees. */
    public int code() {
        return code;
    }

    /** The spec's spelling, e.g. {@code buflen}. */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The status with this spelling, or {@code null}. */
    public static Status bySpelling(String s) {
        for (Status st : values()) {
            if (st.spelling().equals(s)) {
                return st;
            }
        }
        return null;
    }

    /** The status with this code, or {@code null}. */
    public static Status byCode(int code) {
        return code >= 0 && code < values().length ? values()[code] : null;
    }
}
