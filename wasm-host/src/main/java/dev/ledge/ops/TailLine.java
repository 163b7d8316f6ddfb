package dev.ledge.ops;

/** One guest log line as /tail sends it. */
record TailLine(long time, String requestId, String service, String source, String line) {

    /** The line as one JSON object. */
    String json() {
        return "{\"time\":" + time + ",\"request_id\":" + quote(requestId) + ",\"service\":" + quote(service)
                + ",\"source\":" + quote(source) + ",\"line\":" + quote(line) + "}";
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
