package dev.ledge.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on stderr: time, level, logger, message (and a stack trace when there is one). */
final class LogSetup {
    private LogSetup() {
    }

    static void configure() {
        if (System.getProperty("java.util.logging.config.file") != null) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setLevel(Level.ALL);
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                StringBuilder sb = new StringBuilder();
                appendInstant(sb, r.getMillis());
                sb.append(' ').append(r.getLevel().getName())
                        .append(' ').append(r.getLoggerName()).append(' ').append(formatMessage(r)).append('\n');
                if (r.getThrown() != null) {
                    java.io.StringWriter sw = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(sw));
                    sb.append(sw);
                }
                return sb.toString();
            }
        });
        root.addHandler(h);
        root.setLevel(Level.INFO);
        Logger.getLogger("io.netty").setLevel(Level.WARNING);
    }

    /**
     * Appends {@code millis} as {@link java.time.Instant#toString} writes it (UTC, seconds, and
     * milliseconds unless zero) without its formatter, whose first use costs a start about 10 ms.
     */
    static void appendInstant(StringBuilder sb, long millis) {
        long secs = Math.floorDiv(millis, 1000L);
        int ms = (int) Math.floorMod(millis, 1000L);
        java.time.LocalDate d = java.time.LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400L));
        int sod = (int) Math.floorMod(secs, 86_400L);
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            sb.append(java.time.Instant.ofEpochMilli(millis)); // outside four-digit years: the formatter's own rules
            return;
        }
        sb.append(d.getYear()).append('-');
        two(sb, d.getMonthValue()).append('-');
        two(sb, d.getDayOfMonth()).append('T');
        two(sb, sod / 3600).append(':');
        two(sb, sod / 60 % 60).append(':');
        two(sb, sod % 60);
        if (ms != 0) {
            sb.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
        }
        sb.append('Z');
    }

    private static StringBuilder two(StringBuilder sb, int v) {
        return sb.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
