package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.abi.Status;
import dev.ledge.backend.Backend;
import dev.ledge.backend.Backends;
import dev.ledge.backend.PendingRequest;
import dev.ledge.backend.ReadthroughCache;
import dev.ledge.cache.CoreCache;
import dev.ledge.backend.SendError;
import dev.ledge.http.Body;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.GuestMemory;
import dev.ledge.session.Session;

/**
 * {@code fastly_http_req} calls that send requests to backends: send (v1–v3), the async forms,
 * and waiting on pending requests (poll, wait, select). A failure returns its status and, in
 * the _v2/_v3 forms, a send_error_detail that says why.
 */
final class SendCalls {
    static final String M = "fastly_http_req";
    /** What the SDKs use as "no handle". */
    static final int INVALID_HANDLE = 0xFFFFFFFE;
    /** send_error_detail_mask bit of tls_alert_id. */
    private static final int TLS_ALERT_ID = 8;

    private SendCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "send", i32s(6), (s, a) -> sendAndWait(s, a, -1, 4));
        r.fn(M, "send_v2", i32s(7), (s, a) -> sendAndWait(s, a, (int) a[4], 5));
        r.fn(M, "send_v3", i32s(7), (s, a) -> sendAndWait(s, a, (int) a[4], 5));
        r.fn(M, "send_async", i32s(5), (s, a) -> sendAsync(s, a, false, (int) a[4]));
        r.fn(M, "send_async_streaming", i32s(5), (s, a) -> sendAsync(s, a, true, (int) a[4]));
        r.fn(M, "send_async_v2", i32s(6), (s, a) -> sendAsync(s, a, a[4] == 1, (int) a[5]));
        r.fn(M, "pending_req_poll", i32s(4), (s, a) -> poll(s, (int) a[0], -1, (int) a[1], (int) a[2], (int) a[3]));
        r.fn(M, "pending_req_poll_v2", i32s(5), (s, a) -> poll(s, (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4]));
        r.fn(M, "pending_req_wait", i32s(3), (s, a) -> waitFor(s, (int) a[0], -1, (int) a[1], (int) a[2]));
        r.fn(M, "pending_req_wait_v2", i32s(4), (s, a) -> waitFor(s, (int) a[0], (int) a[1], (int) a[2], (int) a[3]));
        r.fn(M, "pending_req_select", i32s(5), (s, a) -> select(s, (int) a[0], (int) a[1], -1, (int) a[2], (int) a[3], (int) a[4]));
        r.fn(M, "pending_req_select_v2", i32s(6), (s, a) -> select(s, (int) a[0], (int) a[1], (int) a[2], (int) a[3], (int) a[4], (int) a[5]));
    }

    /**
     * Checks handles and the backend name, then hands the request to the upstream client, through
     * the readthrough cache unless the guest streams the body or the override says pass.
     */
    private static PendingRequest start(Session s, long[] a, boolean streaming) throws InterruptedException {
        int reqH = (int) a[0];
        int bodyH = (int) a[1];
        s.handles().get(reqH, RequestHead.class);
        s.handles().get(bodyH, Body.class);
        String name = s.memory().readUtf8((int) a[2], (int) a[3], "backend name");
        Backends backends = s.resource(Backends.class);
        Backend b = backends.find(s, name);
        if (b == null) {
            throw new SendError(Status.INVAL, SendError.DESTINATION_NOT_FOUND, "no backend named '" + name + "'");
        }
        RequestHead req = s.handles().take(reqH, RequestHead.class);
        Body body = streaming ? s.handles().get(bodyH, Body.class) : s.handles().take(bodyH, Body.class);
        dev.ledge.cache.ReadthroughSetting readthrough = s.resource(dev.ledge.cache.ReadthroughSetting.class);
        CoreCache cache = streaming || (readthrough != null && !readthrough.enabled()) ? null : s.resource(CoreCache.class);
        if (cache != null) {
            return new ReadthroughCache(backends.upstream(), cache).send(req, body, b);
        }
        return backends.upstream().send(req, body, b, streaming);
    }

    private static int sendAndWait(Session s, long[] a, int detailPtr, int outAt) throws InterruptedException {
        GuestMemory m = s.memory();
        checkDetail(m, detailPtr);
        m.check((int) a[outAt], 4, "response handle out");
        m.check((int) a[outAt + 1], 4, "body handle out");
        try {
            PendingRequest.Answer answer = start(s, a, false).await();
            writeAnswer(s, answer, (int) a[outAt], (int) a[outAt + 1]);
            writeDetail(m, detailPtr, 1);
            return 0;
        } catch (SendError e) {
            return fail(s, m, detailPtr, e);
        }
    }

    private static int sendAsync(Session s, long[] a, boolean streaming, int pendingOut) throws InterruptedException {
        s.memory().check(pendingOut, 4, "pending request handle out");
        PendingRequest p;
        try {
            p = start(s, a, streaming);
        } catch (SendError e) {
            throw new AbiError(e.status(), e.getMessage());
        }
        s.memory().writeU32(pendingOut, s.handles().add(p), "pending request handle out");
        return 0;
    }

    private static int poll(Session s, int h, int detailPtr, int doneOut, int respOut, int bodyOut) throws InterruptedException {
        GuestMemory m = s.memory();
        checkDetail(m, detailPtr);
        m.check(doneOut, 4, "is_done out");
        m.check(respOut, 4, "response handle out");
        m.check(bodyOut, 4, "body handle out");
        PendingRequest p = s.handles().get(h, PendingRequest.class);
        if (!p.isReady()) {
            m.writeU32(doneOut, 0, "is_done out");
            m.writeU32(respOut, INVALID_HANDLE, "response handle out");
            m.writeU32(bodyOut, INVALID_HANDLE, "body handle out");
            return 0;
        }
        m.writeU32(doneOut, 1, "is_done out");
        return waitFor(s, h, detailPtr, respOut, bodyOut);
    }

    private static int waitFor(Session s, int h, int detailPtr, int respOut, int bodyOut) throws InterruptedException {
        GuestMemory m = s.memory();
        checkDetail(m, detailPtr);
        m.check(respOut, 4, "response handle out");
        m.check(bodyOut, 4, "body handle out");
        PendingRequest p = s.handles().take(h, PendingRequest.class);
        try {
            writeAnswer(s, p.await(), respOut, bodyOut);
            writeDetail(m, detailPtr, 1);
            return 0;
        } catch (SendError e) {
            return fail(s, m, detailPtr, e);
        }
    }

    private static int select(Session s, int listPtr, int count, int detailPtr, int idxOut, int respOut, int bodyOut)
            throws InterruptedException {
        GuestMemory m = s.memory();
        checkDetail(m, detailPtr);
        m.check(idxOut, 4, "done index out");
        m.check(respOut, 4, "response handle out");
        m.check(bodyOut, 4, "body handle out");
        int[] handles = AsyncIoCalls.readHandles(m, listPtr, count);
        if (handles.length == 0) {
            throw AbiError.inval("pending_req_select needs at least one pending request");
        }
        PendingRequest[] items = new PendingRequest[handles.length];
        for (int i = 0; i < handles.length; i++) {
            items[i] = s.handles().get(handles[i], PendingRequest.class);
        }
        int idx = AsyncIoCalls.awaitFirst(items, 0);
        m.writeU32(idxOut, idx, "done index out");
        return waitFor(s, handles[idx], detailPtr, respOut, bodyOut);
    }

    private static void writeAnswer(Session s, PendingRequest.Answer answer, int respOut, int bodyOut) {
        s.memory().writeU32(respOut, s.handles().add(answer.head()), "response handle out");
        s.memory().writeU32(bodyOut, s.handles().add(answer.body()), "body handle out");
    }

    private static int fail(Session s, GuestMemory m, int detailPtr, SendError e) {
        boolean wantsAlert = detailPtr != -1 && (m.readU32(detailPtr + 4, "send_error_detail") & TLS_ALERT_ID) != 0;
        writeDetail(m, detailPtr, e.detailTag());
        if (wantsAlert && e.tlsAlertId() >= 0) {
            m.write(detailPtr + 12, new byte[] {(byte) e.tlsAlertId()}, "send_error_detail");
            m.writeU32(detailPtr + 4, TLS_ALERT_ID, "send_error_detail");
        }
        if (detailPtr < 0 || e.status() != Status.INVAL) {
            s.log().line(s.id(), "ledge", "backend request failed: " + e.getMessage());
        }
        throw new AbiError(e.status(), e.getMessage());
    }

    private static void checkDetail(GuestMemory m, int detailPtr) {
        if (detailPtr != -1) {
            m.check(detailPtr, 20, "send_error_detail");
        }
    }

    /** Sets the detail's tag and clears its mask (fail then adds tls_alert_id when it has one). */
    private static void writeDetail(GuestMemory m, int detailPtr, int tag) {
        if (detailPtr != -1) {
            m.writeU32(detailPtr, tag, "send_error_detail");
            m.writeU32(detailPtr + 4, 0, "send_error_detail");
        }
    }
}
