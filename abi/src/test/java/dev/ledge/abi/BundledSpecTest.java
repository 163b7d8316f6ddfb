package dev.ledge.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks the spec shipped in the jar against facts taken from the public witx definitions. */
class BundledSpecTest {
    private static final AbiSpec SPEC = AbiSpec.bundled();

    @Test
    void hasAllModulesInTableOrder() {
        List<String> expected = List.of("fastly_abi", "fastly_uap", "fastly_http_body", "fastly_log",
                "fastly_http_req", "fastly_http_downstream", "fastly_http_resp", "fastly_dictionary",
                "fastly_config_store", "fastly_geo", "fastly_device_detection", "fastly_erl",
                "fastly_object_store", "fastly_kv_store", "fastly_secret_store", "fastly_backend",
                "fastly_async_io", "fastly_purge", "fastly_compute_runtime", "fastly_acl",
                "fastly_image_optimizer", "fastly_cache", "fastly_http_cache", "fastly_shielding", "ledge_crypto");
        assertEquals(25, SPEC.modules().size());
        assertEquals(expected, List.copyOf(SPEC.modules().keySet()));
    }

    @Test
    void describesTheWholeSurface() {
        int n = SPEC.functions().size();
        assertTrue(n >= 240, "only " + n + " functions");
        for (AbiModule m : SPEC.modules().values()) {
            assertFalse(m.functions().isEmpty(), m.name() + " has no functions");
        }
    }

    @ParameterizedTest(name = "{0}.{1} {2}")
    @CsvSource(delimiter = '|', value = {
        "fastly_abi|init|(i64) -> i32",
        "ledge_crypto|digest|(i32 i32 i32 i32 i32 i32) -> i32",
        "ledge_crypto|signature_verify|(i32 i32 i32 i32 i32 i32 i32) -> i32",
        "ledge_crypto|jwt_verify|(i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_http_body|new|(i32) -> i32",
        "fastly_http_body|read|(i32 i32 i32 i32) -> i32",
        "fastly_http_body|write|(i32 i32 i32 i32 i32) -> i32",
        "fastly_http_body|known_length|(i32 i32) -> i32",
        "fastly_http_req|body_downstream_get|(i32 i32) -> i32",
        "fastly_http_req|header_names_get|(i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_http_req|header_values_get|(i32 i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_http_req|send_v2|(i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_http_req|pending_req_select|(i32 i32 i32 i32 i32) -> i32",
        "fastly_http_req|cache_override_v2_set|(i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_http_req|inspect|(i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_http_resp|send_downstream|(i32 i32 i32) -> i32",
        "fastly_http_resp|status_set|(i32 i32) -> i32",
        "fastly_uap|parse|(i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_geo|lookup|(i32 i32 i32 i32 i32) -> i32",
        "fastly_config_store|get|(i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_erl|check_rate|(i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_kv_store|lookup_wait_v2|(i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_kv_store|insert|(i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_async_io|select|(i32 i32 i32 i32) -> i32",
        "fastly_compute_runtime|get_vcpu_ms|(i32) -> i32",
        "fastly_cache|lookup|(i32 i32 i32 i32 i32) -> i32",
        "fastly_cache|get_body|(i32 i32 i32 i32) -> i32",
        "fastly_http_cache|get_suggested_cache_options|(i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_image_optimizer|transform_image_optimizer_request|(i32 i32 i32 i32 i32 i32 i32 i32 i32) -> i32",
        "fastly_shielding|backend_for_shield|(i32 i32 i32 i32 i32 i32 i32) -> i32",
    })
    void coreSignaturesMatchTheWitx(String module, String name, String signature) {
        AbiFunction f = SPEC.function(module, name);
        assertNotNull(f, module + "." + name + " is missing");
        assertEquals(signature, f.coreSignature(), f.qualifiedName());
    }

    @Test
    void u64ParametersLowerToI64() {
        assertEquals(List.of(CoreType.I64), SPEC.function("fastly_abi", "init").coreParams());
        // A u64 value passed by pointer stays a pointer (i32): cache durations come back through out<>.
        assertEquals("(i32 i32) -> i32", SPEC.function("fastly_cache", "get_max_age_ns").coreSignature());
        AbiType outDuration = SPEC.function("fastly_cache", "get_max_age_ns").params().get(1).type();
        assertEquals(AbiType.Kind.OUT_POINTER, outDuration.kind());
        assertEquals("cache_duration_ns", outDuration.target());
        assertEquals(List.of(CoreType.I64), SPEC.types().resolve("cache_duration_ns", "test").lowered());
    }

    @Test
    void everyFunctionDocumentsItselfAndIsTaggedSensibly() {
        for (AbiFunction f : SPEC.functions()) {
            assertFalse(f.doc().isBlank(), f.qualifiedName() + " has no doc");
            if (!f.coreParams().isEmpty() && !f.qualifiedName().equals("fastly_abi.init")) {
                assertFalse(f.statuses().isEmpty(), f.qualifiedName() + " lists no statuses");
            }
        }
        for (String fastlyOnly : List.of("fastly_http_req.inspect", "fastly_http_req.fastly_key_is_valid",
                "fastly_http_downstream.fastly_key_is_valid", "fastly_http_downstream.downstream_bot_name",
                "fastly_http_downstream.downstream_client_ddos_detected",
                "fastly_image_optimizer.transform_image_optimizer_request", "fastly_shielding.shield_info")) {
            String[] mn = fastlyOnly.split("\\.");
            assertTrue(SPEC.function(mn[0], mn[1]).fastlyOnly(), fastlyOnly);
        }
        assertTrue(SPEC.function("fastly_kv_store", "lookup_wait").deprecated());
        assertTrue(SPEC.function("fastly_http_req", "downstream_client_ip_addr").deprecated());
        assertFalse(SPEC.function("fastly_http_downstream", "downstream_client_ip_addr").deprecated());
        assertTrue(SPEC.modules().get("fastly_object_store").tags().contains("deprecated"));
    }

    @Test
    void enumAndFlagValuesAreExact() {
        TypeTable t = SPEC.types();
        assertEquals(Map.of("http_09", 0L, "http_10", 1L, "http_11", 2L, "h2", 3L, "h3", 4L),
                t.resolve("http_version", "test").values());
        assertEquals(7L, t.resolve("kv_error", "test").values().get("too_many_requests"));
        assertEquals(25L, t.resolve("send_error_detail_tag", "test").values().get("h2_error"));
        assertEquals(262144L, t.resolve("backend_config_options", "test").values().get("healthcheck"));
        assertEquals(1024L, t.resolve("cache_write_options_mask", "test").values().get("service_id"));
        assertEquals(16L, t.resolve("cache_override_tag", "test").values().get("lookup_timeout"));
        assertEquals(AbiType.Kind.FLAGS, t.resolve("cache_lookup_state", "test").kind());
    }

    @Test
    void recordSizesFollowTheWasm32Layout() {
        Map<String, Long> sizes = Map.ofEntries(
                Map.entry("dynamic_backend_config", 108L), Map.entry("healthcheck_config", 56L),
                Map.entry("send_error_detail", 20L), Map.entry("kv_insert_config", 32L),
                Map.entry("kv_list_config", 24L), Map.entry("cache_write_options", 80L),
                Map.entry("cache_lookup_options", 12L), Map.entry("cache_get_body_options", 16L),
                Map.entry("http_cache_write_options", 48L), Map.entry("next_request_options", 8L),
                Map.entry("inspect_info", 24L), Map.entry("purge_options", 12L),
                Map.entry("shield_backend_config", 16L));
        sizes.forEach((name, size) -> {
            AbiType r = SPEC.types().resolve(name, "test");
            assertEquals(AbiType.Kind.RECORD, r.kind(), name);
            assertEquals(size, r.values().get("size"), name);
        });
    }

    @Test
    void recordFieldLinesAreConsistentWithTheSize() {
        for (AbiType t : SPEC.types().all().values()) {
            if (t.kind() != AbiType.Kind.RECORD) {
                continue;
            }
            long size = t.values().get("size");
            long end = 0;
            for (String line : SPEC.types().doc(t.name()).split("\n")) {
                if (!line.startsWith("@")) {
                    continue;
                }
                int sp = line.indexOf(' ');
                long off = Long.parseLong(line.substring(1, sp));
                String type = line.substring(line.indexOf(':') + 1).strip();
                assertTrue(off >= end, t.name() + ": field at " + off + " overlaps");
                long width = SPEC.types().resolve(type, t.name()).lowered().contains(CoreType.I64) ? 8 : 4;
                if (type.equals("u16")) {
                    width = 2;
                } else if (type.equals("u8")) {
                    width = 1;
                }
                assertEquals(0, off % width, t.name() + ": field at " + off + " is misaligned");
                end = off + width;
            }
            assertTrue(end > 0, t.name() + " has no field lines");
            assertTrue(end <= size && size - end < 8, t.name() + ": fields end at " + end + ", size " + size);
        }
    }
}
