package dev.ledge.conformance.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks a conformance guest reported, parsed from its output: one {@code ok AREA.CHECK} or
 * {@code FAIL AREA.CHECK: detail} line per check and a {@code # AREA: N checks, M failed} summary.
 */
record CheckLines(List<Check> checks, int summaryTotal, int summaryFailed) {
    private static final Pattern LINE = Pattern.compile("^(ok|FAIL) ([A-Za-z0-9_.\\-]+)(?:: (.*))?$");
    private static final Pattern SUMMARY = Pattern.compile("^# [A-Za-z0-9_\\-]+: (\\d+) checks, (\\d+) failed$");

    /** One check: its name (area.check), whether it passed and what went wrong if not. */
    record Check(String name, boolean passed, String detail) {
    }

    /** Parses {@code output}; the summary counts are -1 when the guest printed no summary. */
    static CheckLines parse(String output) {
        List<Check> checks = new ArrayList<>();
        int total = -1;
        int failed = -1;
        for (String raw : output.split("\r?\n")) {
            String line = raw.strip();
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                checks.add(new Check(m.group(2), m.group(1).equals("ok"), m.group(3) == null ? "" : m.group(3)));
                continue;
            }
            Matcher s = SUMMARY.matcher(line);
            if (s.matches()) {
                total = Integer.parseInt(s.group(1));
                failed = Integer.parseInt(s.group(2));
            }
        }
        return new CheckLines(List.copyOf(checks), total, failed);
    }

    long failures() {
        return checks.stream().filter(c -> !c.passed()).count();
    }
}
