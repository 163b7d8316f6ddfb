package dev.ledge.hostcalls;

import static dev.ledge.hostcalls.HostcallRegistry.i32s;

import dev.ledge.backend.Backend;
import dev.ledge.backend.Backends;
import dev.ledge.backend.WebSocketHandoff;
import dev.ledge.http.RequestHead;
import dev.ledge.session.AbiError;
import dev.ledge.session.Session;

/**
 * WebSocket passthrough ({@code fastly_http_req.upgrade_websocket}, {@code
 * redirect_to_websocket_proxy} and {@code _v2}): the guest hands the client's WebSocket upgrade to
 * a backend. The call checks its arguments and the client request, then hands the connection to
 * the server, which opens the upgrade at the backend in the background and relays bytes both ways
 * (server.WebSocketTunnel) while the guest goes on.
 */
final class WebSocketCalls {
    static final String M = "fastly_http_req";

    private WebSocketCalls() {
    }

    static void register(HostcallRegistry r) {
        r.fn(M, "upgrade_websocket", i32s(2), (s, a) -> handOff(s, null, (int) a[0], (int) a[1]));
        r.fn(M, "redirect_to_websocket_proxy", i32s(2), (s, a) -> handOff(s, null, (int) a[0], (int) a[1]));
        r.fn(M, "redirect_to_websocket_proxy_v2", i32s(3), (s, a) -> {
            RequestHead req = HttpReqCalls.request(s, (int) a[0]);
            return handOff(s, req, (int) a[1], (int) a[2]);
        });
    }

    /**
     * Checks the backend name and the client request, then records the hand-off of the client
     * request the guest is answering; {@code request} (null: the client's own) gives the URI and
     * headers the backend gets.
     */
    private static int handOff(Session s, RequestHead request, int namePtr, int nameLen) {
        String name = s.memory().readUtf8(namePtr, nameLen, "backend name");
        Backends backends = s.resource(Backends.class);
        Backend b = backends.find(s, name);
        if (b == null) {
            throw AbiError.inval("no backend named '" + name + "'");
        }
        RequestHead client = s.unansweredRequest();
        if (client == null) {
            throw new AbiError(dev.ledge.abi.Status.ERROR, s.exchanges().isEmpty()
                    ? "this run has no client request to hand off" : "the client request has already been answered or handed off");
        }
        String why = WebSocketHandoff.notAnUpgrade(client);
        if (why != null) {
            throw AbiError.inval(why);
        }
        s.handOff(new WebSocketHandoff(client, request != null ? request : client, b, backends.upstream()));
        return 0;
    }
}
