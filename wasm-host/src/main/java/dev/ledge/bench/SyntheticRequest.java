package dev.ledge.bench;

import dev.ledge.http.Body;
import dev.ledge.http.DownstreamInfo;
import dev.ledge.http.RequestHead;
import dev.ledge.service.ServiceResources;
import dev.ledge.session.GuestEnvironment;
import dev.ledge.session.GuestLog;
import dev.ledge.session.Session;
import java.net.InetAddress;
import java.util.List;

/**
 * A whole request without a network: a session for a synthetic {@code GET http://localhost PATH}
 * from loopback, whose response and guest output are discarded (as {@code ledge run} builds one).
 */
public final class SyntheticRequest {
    /** Throws away every line the guest logs or prints. */
    public static final GuestLog DISCARD = (id, source, line) -> { };

    private SyntheticRequest() {
    }

    public static Session session(ServiceResources resources, GuestEnvironment environment, String path) {
        RequestHead head = new RequestHead();
        head.uri = "http://localhost" + path;
        String id = Session.newTraceId();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        head.downstream = new DownstreamInfo(loopback, loopback, List.of(), id);
        return Session.builder()
                .id(id)
                .resources(resources)
                .environment(environment)
                .log(DISCARD)
                .downstream(head, new Body())
                .responder((resp, body, streaming) -> { })
                .build();
    }
}
