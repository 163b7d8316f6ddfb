package dev.ledge.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.abi.AbiSpec;
import dev.ledge.hostcalls.HostcallRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ABI coverage report: its counts, its lists, and its agreement with README.md's support table. */
class AbiCoverageReportTest {
    private static final Path README = Path.of("..", "README.md");

    private static AbiCoverageReport report(String... lines) {
        RecordedCalls calls = new RecordedCalls();
        for (String l : lines) {
            calls.add(l);
        }
        return new AbiCoverageReport(AbiSpec.bundled(), HostcallRegistry.standard(), calls);
    }

    private static ModuleCoverage module(AbiCoverageReport r, String name) {
        return r.modules().stream().filter(m -> m.module().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void exercisedMeansImplementedAndCalledWithTheStatusesSeen() {
        AbiCoverageReport r = report("fastly_http_body.new ok", "fastly_http_body.new badf", "fastly_http_body.new ok",
                "fastly_http_req.redirect_to_grip_proxy_v2 stub", "fastly_log.write inval", "");
        ModuleCoverage body = module(r, "fastly_http_body");
        assertEquals(Map.of("new", Set.of("badf", "ok")), body.exercised());
        assertEquals(body.exercised(), body.suite());
        assertEquals(List.of("redirect_to_grip_proxy_v2"), module(r, "fastly_http_req").stubCalled());
        assertEquals(List.of(), body.stubCalled());
        assertTrue(body.notExercised().contains("append"));
        assertEquals(body.implemented().size() - 1, body.notExercised().size());
        assertEquals(List.of(), module(r, "fastly_acl").stubCalled());
        String md = r.markdown();
        assertTrue(md.contains("| `fastly_http_body` | " + body.implemented().size() + " | 1 | 1 | "
                + body.functions().size() + " |"), md);
        assertTrue(md.contains("| `new` | badf, ok | badf, ok |"), md);
        assertTrue(md.contains("Called, unsupported (not implemented): `redirect_to_grip_proxy_v2`."), md);
        assertTrue(md.contains("**2 of "), md);
        assertTrue(md.contains("| all | " + HostcallRegistry.standard().all().size() + " | 2 | 2 | "
                + AbiSpec.bundled().functions().size() + " |"), md);
    }

    @Test
    void totalsCoverEveryAbiFunctionAndEveryRegisteredHostcall() {
        AbiCoverageReport r = report();
        int total = r.modules().stream().mapToInt(m -> m.functions().size()).sum();
        int impl = r.modules().stream().mapToInt(m -> m.implemented().size()).sum();
        assertEquals(AbiSpec.bundled().functions().size(), total);
        assertEquals(HostcallRegistry.standard().all().size(), impl, "every registered hostcall is in abi/spec");
        assertTrue(r.headline().startsWith("0 of " + impl + " implemented hostcalls exercised by the conformance suite (0 by any"),
                r.headline());
    }

    @Test
    void readmeSupportTableAgreesWithTheReport() throws Exception {
        assertEquals(List.of(), report().disagreementsWith(Files.readString(README)));
    }

    @Test
    void aStaleReadmeCountIsADisagreement() throws Exception {
        String readme = Files.readString(README);
        ModuleCoverage log = module(report(), "fastly_log");
        String row = "| `fastly_log` | " + log.implemented().size() + "/" + log.functions().size();
        assertTrue(readme.contains(row), "README row " + row);
        List<String> problems = report().disagreementsWith(readme.replace(row, "| `fastly_log` | 0/" + log.functions().size()));
        assertEquals(List.of("fastly_log: README says 0/" + log.functions().size() + ", the report "
                + log.implemented().size() + "/" + log.functions().size()), problems);
    }

    @Test
    void missingAndExtraReadmeModulesAreDisagreements() {
        List<String> problems = report().disagreementsWith("| `fastly_nonesuch` | 1/2: x |\n");
        assertTrue(problems.contains("fastly_log: not in the README's support table"), problems.toString());
        assertTrue(problems.contains("fastly_nonesuch: in the README's support table, not in abi/spec"), problems.toString());
    }

    @Test
    void mainWritesTheReportFromTheCallFilesAndNamesTheSuites(@TempDir Path dir) throws Exception {
        Path calls = dir.resolve("calls-suite-a.txt");
        Files.writeString(calls, "fastly_log.write ok\nfastly_log.endpoint_get ok\nfastly_log.write inval\n");
        Path out = dir.resolve("docs/abi-coverage.md");
        AbiCoverageReport.main(new String[] {out.toString(), README.toString(), calls.toString(),
                dir.resolve("calls-suite-b.txt").toString()});
        String md = Files.readString(out);
        assertTrue(md.contains("Calls recorded by: `suite-a` (not run: `suite-b`)."), md);
        assertTrue(md.contains("| `write` | inval, ok | inval, ok |"), md);
        assertTrue(md.contains("| `endpoint_get` | ok | ok |"), md);
    }

    @Test
    void theFirstCallFileIsTheConformanceSuitesOthersCountOnlyAsAnyTest(@TempDir Path dir) throws Exception {
        Path suite = Files.writeString(dir.resolve("calls-conformance-suite.txt"), "fastly_log.write ok\n");
        Path other = Files.writeString(dir.resolve("calls-wasm-host.txt"), "fastly_log.write badf\nfastly_log.endpoint_get inval\n");
        Path out = dir.resolve("abi-coverage.md");
        AbiCoverageReport.main(new String[] {out.toString(), README.toString(), suite.toString(), other.toString()});
        String md = Files.readString(out);
        assertTrue(md.contains("| `write` | ok | badf, ok |"), md);
        assertTrue(md.contains("| `endpoint_get` | — | inval |"), md);
        assertTrue(md.contains("Implemented, not exercised by the suite: `endpoint_get`."), md);
        assertTrue(md.contains("**1 of "), md);
        assertTrue(md.contains("exercised by the conformance suite (2 by any test suite;"), md);
    }

    @Test
    void mainFailsWhenTheReadmeDisagrees(@TempDir Path dir) throws Exception {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "| `fastly_log` | 1/2: write | — |\n");
        Path out = dir.resolve("abi-coverage.md");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AbiCoverageReport.main(new String[] {out.toString(), readme.toString()}));
        assertTrue(e.getMessage().contains("fastly_log: README says 1/2"), e.getMessage());
        assertTrue(!Files.exists(out), "no report written");
    }
}
