package dev.ledge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Formats {@code ledge bench} results as a text table or as JSON, with one set of column names
 * shared with the V8 script (benchmarks/v8/instantiate.mjs) so that the two can be joined.
 */
public final class BenchReport {
    /** The columns, in order; the V8 script prints module, compile_ms and the instantiate columns. */
    public static final List<String> COLUMNS = List.of("module", "compile_ms", "cached", "first_request_ms",
            "instantiate_p50_us", "instantiate_p90_us", "instantiate_p99_us", "request_p50_us", "request_p90_us", "request_p99_us",
            "rps", "http_errors", "vertx_rps", "rps_vs_vertx", "request_cpu_p50_us", "request_cpu_p90_us");

    private BenchReport() {
    }

    /** One row per module, keyed by column name. */
    public static Map<String, Object> row(ModuleResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("module", r.module());
        m.put("compile_ms", round(r.loadMillis()));
        m.put("cached", r.fromCache());
        m.put("first_request_ms", round(r.firstRequestMillis()));
        m.put("instantiate_p50_us", round(r.instantiate().p50Micros()));
        m.put("instantiate_p90_us", round(r.instantiate().p90Micros()));
        m.put("instantiate_p99_us", round(r.instantiate().p99Micros()));
        m.put("request_p50_us", round(r.request().p50Micros()));
        m.put("request_p90_us", round(r.request().p90Micros()));
        m.put("request_p99_us", round(r.request().p99Micros()));
        m.put("rps", round(r.http().rps()));
        m.put("http_errors", r.http().errors() + r.baseline().errors());
        boolean hasBaseline = r.baseline().requests() > 0;
        m.put("vertx_rps", hasBaseline ? round(r.baseline().rps()) : null);
        m.put("rps_vs_vertx", hasBaseline ? round(r.http().rps() / r.baseline().rps()) : null);
        m.put("request_cpu_p50_us", round(r.requestCpu().p50Micros()));
        m.put("request_cpu_p90_us", round(r.requestCpu().p90Micros()));
        return m;
    }

    /** The results as a JSON document: settings, machine and one row per module. */
    public static String json(BenchSettings settings, List<ModuleResult> results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", settings);
        doc.put("machine", machine());
        doc.put("load_generator", "JDK HttpClient, HTTP/1.1 keep-alive, one thread per connection");
        List<Map<String, Object>> rows = new ArrayList<>();
        results.forEach(r -> rows.add(row(r)));
        doc.put("modules", rows);
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The results as an aligned text table with a header line. */
    public static String table(List<ModuleResult> results) {
        List<List<String>> lines = new ArrayList<>();
        lines.add(COLUMNS);
        for (ModuleResult r : results) {
            List<String> cells = new ArrayList<>();
            row(r).values().forEach(v -> cells.add(v == null ? "-" : String.valueOf(v)));
            lines.add(cells);
        }
        int[] width = new int[COLUMNS.size()];
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                width[i] = Math.max(width[i], l.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                String cell = l.get(i);
                sb.append(i == 0 ? String.format("%-" + width[i] + "s", cell) : String.format("  %" + width[i] + "s", cell));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The machine the numbers come from. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cpus", Runtime.getRuntime().availableProcessors());
        m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        m.put("max_heap_mb", Runtime.getRuntime().maxMemory() >> 20);
        m.put("jit", dev.ledge.engine.JitMode.describe());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
