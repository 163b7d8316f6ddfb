package dev.ledge.hostcalls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dylibso.chicory.runtime.Instance;
import dev.ledge.abi.AbiFunction;
import dev.ledge.abi.AbiParam;
import dev.ledge.abi.AbiSpec;
import dev.ledge.abi.AbiType;
import dev.ledge.abi.CoreType;
import dev.ledge.config.FastlyToml;
import dev.ledge.engine.PrelinkedModule;
import dev.ledge.http.Body;
import dev.ledge.http.DownstreamInfo;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import dev.ledge.service.HostContext;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.Session;
import dev.ledge.testing.Wat;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every implemented hostcall that takes a handle answers badf when given a live handle of another
 * kind, for two different wrong kinds each: a body where a request belongs, a request where a
 * pending request, a cache handle, a KV handle or an async item (which may be a body, a pending
 * request, a cache busy handle, a KV operation...) belongs, and so on. The calls are driven
 * directly, with every pointer aimed at valid scratch memory so that only the handle is wrong;
 * fastly_async_io.select and pending_req_select, which take lists of handles, get a list holding
 * one wrong-kind handle.
 */
class WrongKindHandleTest {
    /** Calls checked with their lists of handles rather than a handle parameter. */
    private static final List<String> LIST_CALLS = List.of("fastly_async_io.select",
            "fastly_http_req.pending_req_select", "fastly_http_req.pending_req_select_v2");

    @Test
    void everyHandleParameterRejectsHandlesOfOtherKinds(@TempDir Path dir) throws Exception {
        Vertx vertx = Vertx.vertx();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        try (ServiceResources resources = ServiceResources.configure(FastlyToml.empty(), new HostContext(vertx, dir))) {
            Instance instance = PrelinkedModule.load("nothing", Wat.compile("nothing")).instantiate();
            HostcallRegistry registry = HostcallRegistry.standard();
            for (AbiFunction f : AbiSpec.bundled().functions()) {
                HostcallDef def = registry.get(f.module(), f.name());
                boolean takesHandle = f.params().stream().anyMatch(p -> p.type().kind() == AbiType.Kind.HANDLE);
                boolean isList = LIST_CALLS.contains(f.qualifiedName());
                if (def == null || !takesHandle && !isList) {
                    continue;
                }
                for (int variant = 0; variant < 2; variant++) {
                    Session s = session(resources);
                    s.enter(instance.memory());
                    try {
                        long[] args = arguments(s, f, variant);
                        int status = (int) HostcallDispatcher.handle(def).apply(instance, args)[0];
                        checked++;
                        if (status != 3) {
                            wrong.add(f.qualifiedName() + " (variant " + variant + ") answered " + status);
                        }
                    } finally {
                        s.exit();
                    }
                }
            }
        } finally {
            vertx.close();
        }
        assertTrue(checked > 150, "only " + checked + " calls were checked");
        assertEquals(List.of(), wrong, "calls that took a handle of the wrong kind");
    }

    /** Arguments with every handle of a wrong kind and every pointer at scratch memory. */
    private static long[] arguments(Session s, AbiFunction f, int variant) {
        List<Long> out = new ArrayList<>();
        int scratch = 1024;
        for (AbiParam p : f.params()) {
            AbiType t = p.type();
            switch (t.kind()) {
                case HANDLE -> out.add((long) wrongKind(s, t.name(), variant));
                case POINTER, OUT_POINTER -> {
                    out.add((long) scratch);
                    scratch += 512;
                }
                case LIST -> {
                    int h = wrongKind(s, "async_item_handle", variant);
                    s.memory().writeU32(scratch, h, "list");
                    byte[] text = "name".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                    if (!t.name().contains("handle")) {
                        s.memory().write(scratch, text, "list");
                    }
                    out.add((long) scratch);
                    out.add((long) (t.name().contains("handle") ? 1 : text.length));
                    scratch += 512;
                }
                default -> {
                    for (CoreType ignored : t.lowered()) {
                        out.add(0L);
                    }
                }
            }
        }
        long[] args = new long[out.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = out.get(i);
        }
        return args;
    }

    /** A live handle that is not of kind {@code type}: two different ones by variant. */
    private static int wrongKind(Session s, String type, int variant) {
        Object value = switch (type) {
            case "body_handle" -> variant == 0 ? new RequestHead() : new ResponseHead();
            case "request_handle" -> variant == 0 ? new Body() : new ResponseHead();
            case "response_handle" -> variant == 0 ? new Body() : new RequestHead();
            default -> variant == 0 ? new RequestHead() : new ResponseHead();
        };
        return s.handles().add(value);
    }

    private static Session session(ServiceResources resources) {
        RequestHead head = new RequestHead();
        head.uri = "http://localhost/";
        InetAddress lo = InetAddress.getLoopbackAddress();
        head.downstream = new DownstreamInfo(lo, lo, List.of("host"), Session.newTraceId());
        return Session.builder().resources(resources).downstream(head, new Body())
                .responder((r, b, streaming) -> { }).log((id, src, line) -> { }).build();
    }
}
