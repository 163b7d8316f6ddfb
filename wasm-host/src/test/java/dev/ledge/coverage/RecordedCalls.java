package dev.ledge.coverage;

import dev.ledge.hostcalls.CallRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The hostcalls the test suites' guests called, read from the files {@link CallRecorder} wrote:
 * for each {@code module.name}, the statuses seen (or {@code stub} for calls answered by the
 * unsupported stub).
 */
public final class RecordedCalls {
    private final Map<String, Set<String>> statuses = new TreeMap<>();
    private final List<Path> read = new ArrayList<>();
    private final List<Path> missing = new ArrayList<>();

    /** Reads every file that exists; the others are remembered as missing. */
    public static RecordedCalls read(List<Path> files) throws IOException {
        RecordedCalls calls = new RecordedCalls();
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                calls.missing.add(f);
                continue;
            }
            calls.read.add(f);
            for (String line : Files.readAllLines(f)) {
                calls.add(line);
            }
        }
        return calls;
    }

    /** Adds one {@code module.name status} line (blank lines are ignored). */
    public void add(String line) {
        String l = line.strip();
        int sp = l.indexOf(' ');
        if (sp > 0) {
            statuses.computeIfAbsent(l.substring(0, sp), k -> new TreeSet<>()).add(l.substring(sp + 1).strip());
        }
    }

    /** The statuses guests got from {@code module.name}, without stub calls; empty if never called. */
    public Set<String> statuses(String module, String name) {
        Set<String> s = new TreeSet<>(statuses.getOrDefault(module + "." + name, Set.of()));
        s.remove(CallRecorder.STUB);
        return s;
    }

    /** Whether a guest called {@code module.name} and got the unsupported stub's answer. */
    public boolean stubCalled(String module, String name) {
        return statuses.getOrDefault(module + "." + name, Set.of()).contains(CallRecorder.STUB);
    }

    public List<Path> filesRead() {
        return List.copyOf(read);
    }

    public List<Path> filesMissing() {
        return List.copyOf(missing);
    }
}
