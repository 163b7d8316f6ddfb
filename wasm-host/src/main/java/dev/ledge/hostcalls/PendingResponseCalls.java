package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.backend.PendingRequest;
import dev.ledge.backend.PendingRequest.HeaderEdit;
import dev.ledge.backend.SendError;
import dev.ledge.http.Body;
import dev.ledge.http.ResponseHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;
import java.nio.charset.StandardCharsets;

/**
 * Calls on a pending request's response before it arrives: header changes queued for it
 * ({@code fastly_http_req.pending_req_header_insert/append/remove}, applied when the guest
 * collects the response or when it goes to the client) and
 * {@code fastly_http_resp.send_downstream_pending}, which answers the client with it. When that
 * backend request fails the client gets a synthetic 502 response (with the changes queued for
 * error responses) and the guest gets {@code error}.
 */
final class PendingResponseCalls {
    private PendingResponseCalls() {
    }

    static void register(HostcallRegistry r) {
        String req = HttpReqCalls.M;
        r.fn(req, "pending_req_header_insert", i32s(6), (s, a) ->
                queue(s, a, HeaderEdit.Op.INSERT, (int) a[5]));
        r.fn(req, "pending_req_header_append", i32s(6), (s, a) ->
                queue(s, a, HeaderEdit.Op.APPEND, (int) a[5]));
        r.fn(req, "pending_req_header_remove", i32s(4), (s, a) ->
                queue(s, a, HeaderEdit.Op.REMOVE, (int) a[3]));
        r.fn(HttpRespCalls.M, "send_downstream_pending", i32s(1), PendingResponseCalls::sendDownstreamPending);
    }

    private static int queue(Session s, long[] a, HeaderEdit.Op op, int target) {
        PendingRequest p = s.handles().get((int) a[0], PendingRequest.class);
        String name = HeaderCalls.name(s.memory(), (int) a[1], (int) a[2]);
        byte[] value = op == HeaderEdit.Op.REMOVE ? null : HeaderCalls.value(s.memory().read((int) a[3], (int) a[4], "value"));
        if (target < HeaderEdit.ANY || target > HeaderEdit.ERROR) {
            throw AbiError.inval("pending_response_kind " + Integer.toUnsignedString(target) + " does not exist");
        }
        p.queue(new HeaderEdit(target, op, name, value));
        return 0;
    }

    private static int sendDownstreamPending(Session s, long[] a) throws InterruptedException {
        s.handles().get((int) a[0], PendingRequest.class);
        if (s.responseSent()) {
            throw AbiError.inval("a response has already been sent downstream");
        }
        PendingRequest p = s.handles().take((int) a[0], PendingRequest.class);
        try {
            PendingRequest.Answer answer = p.await();
            s.sendDownstream(answer.head(), answer.body(), false);
            return 0;
        } catch (SendError e) {
            ResponseHead error = new ResponseHead();
            error.status = 502;
            error.headers.insert("content-type", "text/plain;charset=UTF-8".getBytes(StandardCharsets.US_ASCII));
            p.applyEdits(error, true);
            Body body = new Body();
            body.writeBack(("backend request failed: " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
            s.sendDownstream(error, body, false);
            s.log().line(s.id(), "ledge", "backend request failed: " + e.getMessage());
            throw new AbiError(Status.ERROR, e.getMessage());
        }
    }
}
