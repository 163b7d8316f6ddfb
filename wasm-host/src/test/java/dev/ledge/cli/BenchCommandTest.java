package dev.ledge.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledge.bench.BenchReport;
import dev.ledge.testing.Wat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ledge bench} on a small WAT handler with tiny counts: the columns are there and every number is sane. */
class BenchCommandTest {
    @TempDir
    Path dir;

    private String bench(String... extra) throws Exception {
        Path wasm = dir.resolve("bench_hello.wasm");
        Files.write(wasm, Wat.compile("bench_hello"));
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out));
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--requests", "5", "--warmup", "1",
                "--connections", "2", "--baseline-vertx", "--cache-dir", dir.resolve("cache").toString()));
        args.addAll(List.of(extra));
        args.add(wasm.toString());
        int code = cli.execute(args.toArray(String[]::new));
        assertEquals(0, code, out.toString());
        return out.toString();
    }

    @Test
    void tablePrintsEveryColumnAndARowPerModule() throws Exception {
        String[] lines = bench().strip().split("\n");
        assertEquals(2, lines.length, String.join("\n", lines));
        List<String> header = List.of(lines[0].trim().split("\\s+"));
        assertEquals(BenchReport.COLUMNS, header);
        String[] cells = lines[1].trim().split("\\s+");
        assertEquals(header.size(), cells.length, lines[1]);
        assertEquals("bench_hello.wasm", cells[0]);
        assertEquals("false", cells[2], "the first load compiles: " + lines[1]);
        for (int i = 3; i < cells.length; i++) {
            assertTrue(Double.parseDouble(cells[i]) >= 0, header.get(i) + " = " + cells[i]);
        }
        assertEquals("0", cells[header.indexOf("http_errors")], lines[1]);
    }

    @Test
    void jsonHasTheSameColumnsAndSaneNumbers() throws Exception {
        bench("--json");
        JsonNode doc = new ObjectMapper().readTree(bench("--json"));
        assertEquals(5, doc.path("settings").path("requests").asInt());
        assertTrue(doc.path("machine").path("cpus").asInt() >= 1);
        JsonNode row = doc.path("modules").get(0);
        List<String> keys = new java.util.ArrayList<>();
        row.fieldNames().forEachRemaining(keys::add);
        assertEquals(BenchReport.COLUMNS, keys);
        assertTrue(row.path("cached").asBoolean(), "the second run loads from the compile cache: " + row);
        for (String c : BenchReport.COLUMNS.subList(3, BenchReport.COLUMNS.size())) {
            assertTrue(row.path(c).isNumber(), c + " = " + row.path(c));
            assertTrue(row.path(c).asDouble() >= 0, c + " = " + row.path(c));
        }
        for (String series : List.of("instantiate", "request")) {
            double p50 = row.path(series + "_p50_us").asDouble();
            double p90 = row.path(series + "_p90_us").asDouble();
            double p99 = row.path(series + "_p99_us").asDouble();
            assertTrue(p50 > 0 && p50 <= p90 && p90 <= p99, series + " percentiles out of order: " + row);
        }
        assertTrue(row.path("rps").asDouble() > 0, row.toString());
        assertTrue(row.path("vertx_rps").asDouble() > 0, row.toString());
        assertEquals(0, row.path("http_errors").asInt(), row.toString());
    }

    @Test
    void aModuleThatTrapsIsReportedNotMeasured() throws Exception {
        Path wasm = dir.resolve("trap.wasm");
        Files.write(wasm, Wat.compile("trap"));
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Main());
        cli.setErr(new PrintWriter(err));
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("ledge: " + ex.getMessage());
            return 2;
        });
        int code = cli.execute("bench", "--requests", "2", "--warmup", "0", "--no-cache", wasm.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("trap.wasm: GET / trapped"), err.toString());
        assertFalse(err.toString().isBlank());
    }
}
