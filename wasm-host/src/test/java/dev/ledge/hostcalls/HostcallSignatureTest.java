package dev.ledge.hostcalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledge.abi.AbiFunction;
import dev.ledge.abi.AbiSpec;
import dev.ledge.engine.Linker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The host's link table against the ABI description in abi/spec: every hostcall Ledge implements
 * must be described there, with exactly the core signature the description gives it.
 */
class HostcallSignatureTest {
    @Test
    void everyImplementedHostcallMatchesTheAbiDescription() {
        AbiSpec spec = AbiSpec.bundled();
        List<String> problems = new ArrayList<>();
        for (HostcallDef def : HostcallRegistry.standard().all().values()) {
            AbiFunction f = spec.function(def.module(), def.name());
            if (f == null) {
                problems.add(def.qualifiedName() + " is implemented but not described in abi/spec");
            } else if (!Linker.specType(f).equals(def.type())) {
                problems.add(def.qualifiedName() + ": host declares " + def.type() + ", abi/spec says " + f.coreSignature());
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theRequestPathIsImplemented() {
        HostcallRegistry r = HostcallRegistry.standard();
        for (String qn : List.of("fastly_abi.init", "fastly_http_req.body_downstream_get", "fastly_http_req.header_names_get",
                "fastly_http_req.header_values_get", "fastly_http_req.header_value_get", "fastly_http_req.uri_get",
                "fastly_http_resp.send_downstream", "fastly_http_resp.header_values_set", "fastly_http_body.write",
                "fastly_http_body.known_length", "fastly_log.write", "fastly_http_downstream.downstream_client_ip_addr",
                "fastly_http_downstream.downstream_server_ip_addr")) {
            String[] p = qn.split("\\.");
            assertTrue(r.get(p[0], p[1]) != null, qn + " is not registered");
        }
    }
}
