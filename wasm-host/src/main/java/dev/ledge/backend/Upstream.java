package dev.ledge.backend;

import dev.ledge.http.Body;
import dev.ledge.http.HeaderMap;
import dev.ledge.http.HttpVersion;
import dev.ledge.http.RequestHead;
import dev.ledge.http.ResponseHead;
import dev.ledge.http.WriteStreamSink;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends guest requests to backends through Vert.x's HTTP client, with bodies streamed both ways:
 * the request body flows out as the guest (or the client it proxies) produces it, and the
 * response body flows in with flow control, so a large body never sits whole in memory. The
 * connection goes to the backend's address; the Host header is the backend's override host, else
 * the request's own Host header, else its URI's authority, as Fastly's local tool does it.
 */
public final class Upstream implements AutoCloseable {
    /** Headers that belong to one hop and are never forwarded. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "te",
            "trailer", "upgrade", "host");
    static final long BODY_HIGH_WATER = 1 << 20;

    private final Vertx vertx;
    private final Map<String, HttpClientAgent> clients = new ConcurrentHashMap<>();

    public Upstream(Vertx vertx) {
        this.vertx = vertx;
    }

    HttpClientAgent client(Backend b, boolean decompress) {
        Set<String> protocols = TlsVersions.enabled(b.sslMinVersion(), b.sslMaxVersion());
        String key = b.tls() + "|" + decompress + "|" + (b.caCertPem() == null ? "" : Integer.toHexString(b.caCertPem().hashCode()))
                + "|" + protocols + "|" + (b.clientCert() == null ? "" : b.clientCert().fingerprint());
        return clients.computeIfAbsent(key, k -> {
            HttpClientOptions o = new HttpClientOptions();
            o.setKeepAlive(true);
            o.setDecompressionSupported(decompress);
            o.setVerifyHost(true);
            o.setForceSni(b.useSni());
            o.setSsl(b.tls());
            o.setEnabledSecureTransportProtocols(protocols);
            if (b.caCertPem() != null) {
                o.setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(b.caCertPem())));
            }
            if (b.clientCert() != null) {
                o.setKeyCertOptions(b.clientCert().keyCertOptions());
            }
            return vertx.createHttpClient(o, new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
        });
    }

    /**
     * Starts sending {@code req} with {@code body} to {@code b}. With {@code streaming} the guest
     * keeps writing to the body and closes it to finish the request.
     */
    public PendingRequest send(RequestHead req, Body body, Backend b, boolean streaming) {
        CompletableFuture<PendingRequest.Answer> answer = new CompletableFuture<>();
        long sentNanos = System.nanoTime();
        URI uri;
        try {
            uri = new URI(req.uri);
        } catch (java.net.URISyntaxException e) {
            return PendingRequest.failed(new SendError(dev.ledge.abi.Status.INVAL, SendError.HTTP_REQUEST_URI_INVALID, "invalid request URI " + req.uri));
        }
        String hostHeader = hostHeader(req, uri, b);
        String path = b.pathPrefix() + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        RequestOptions ro = new RequestOptions()
                .setMethod(HttpMethod.valueOf(req.method))
                .setServer(SocketAddress.inetSocketAddress(b.port(), b.host()))
                .setHost(b.certHost() != null ? b.certHost() : b.host())
                .setPort(b.port())
                .setSsl(b.tls())
                .setURI(path)
                .setConnectTimeout(b.connectTimeoutMs());
        req.headers.forEachLatin1((name, value) -> {
            if (!HOP_BY_HOP.contains(name) && (req.manualFraming || !(name.equals("content-length") || name.equals("transfer-encoding")))) {
                ro.addHeader(name, value);
            }
        });
        if (streaming) {
            body.expectSink();
        }
        Context ctx = vertx.getOrCreateContext();
        ctx.runOnContext(v -> client(b, req.autoDecompressGzip).request(ro).onComplete(ar -> {
            if (ar.failed()) {
                dev.ledge.ops.Metrics.global().backendRequest(b.name(), false, System.nanoTime() - sentNanos);
                answer.completeExceptionally(SendError.from(ar.cause(), b));
                body.abandon();
                return;
            }
            HttpClientRequest creq = ar.result();
            creq.authority(HostAndPort.parseAuthority(hostHeader, -1) != null ? HostAndPort.parseAuthority(hostHeader, -1) : HostAndPort.create(b.host(), b.port()));
            long length = streaming ? -1 : body.knownLength();
            if (!req.manualFraming || !(req.headers.contains("content-length") || req.headers.contains("transfer-encoding"))) {
                if (length > 0 || length == 0 && permitsBody(req.method)) {
                    creq.putHeader("content-length", Long.toString(length));
                } else if (length < 0) {
                    creq.setChunked(true);
                }
            }
            long timer = vertx.setTimer(b.firstByteTimeoutMs(), id -> {
                if (answer.completeExceptionally(new SendError(dev.ledge.abi.Status.ERROR, SendError.HTTP_RESPONSE_TIMEOUT,
                        "backend " + b.name() + " sent no response within " + b.firstByteTimeoutMs() + " ms"))) {
                    creq.reset();
                }
            });
            creq.response().onComplete(rar -> {
                vertx.cancelTimer(timer);
                dev.ledge.ops.Metrics.global().backendRequest(b.name(), rar.succeeded(), System.nanoTime() - sentNanos);
                if (rar.failed()) {
                    answer.completeExceptionally(SendError.from(rar.cause(), b));
                    return;
                }
                answer.complete(receive(rar.result(), creq, ctx, b));
            });
            WriteStreamSink sink = new WriteStreamSink(creq, ctx, () -> answer.isCompletedExceptionally(), creq::reset);
            creq.exceptionHandler(e -> sink.peerGone());
            body.attachSink(sink, !streaming);
        }));
        return new PendingRequest(answer);
    }

    private static boolean permitsBody(String method) {
        return !(method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") || method.equals("OPTIONS") || method.equals("TRACE"));
    }

    private static String hostHeader(RequestHead req, URI uri, Backend b) {
        if (b.overrideHost() != null) {
            return b.overrideHost();
        }
        java.util.List<byte[]> host = req.headers.values("host");
        if (!host.isEmpty()) {
            return new String(host.get(0), StandardCharsets.ISO_8859_1);
        }
        if (uri.getRawAuthority() != null) {
            return uri.getRawAuthority();
        }
        return b.host() + (b.url().getPort() >= 0 ? ":" + b.port() : "");
    }

    private static PendingRequest.Answer receive(HttpClientResponse resp, HttpClientRequest creq, Context ctx, Backend b) {
        ResponseHead head = new ResponseHead();
        head.status = resp.statusCode();
        SocketAddress remote = creq.connection() == null ? null : creq.connection().remoteAddress();
        if (remote != null && remote.hostAddress() != null) {
            head.backendAddress = new java.net.InetSocketAddress(remote.hostAddress(), remote.port());
        }
        head.version = switch (resp.version()) {
            case HTTP_1_0 -> HttpVersion.HTTP_10;
            case HTTP_2 -> HttpVersion.H2;
            default -> HttpVersion.HTTP_11;
        };
        HeaderMap h = head.headers;
        for (Map.Entry<String, String> e : resp.headers()) {
            h.append(e.getKey(), e.getValue().getBytes(StandardCharsets.ISO_8859_1));
        }
        long declared = -1;
        String cl = resp.getHeader("content-length");
        if (cl != null) {
            try {
                declared = Long.parseLong(cl.trim());
            } catch (NumberFormatException ignored) {
                declared = -1;
            }
        }
        Body body = Body.incoming(declared, new Body.FlowControl(BODY_HIGH_WATER, resp::pause,
                () -> ctx.runOnContext(v -> resp.resume())));
        creq.idleTimeout(b.betweenBytesTimeoutMs());
        resp.handler(buf -> body.offer(buf.getBytes()));
        resp.endHandler(v -> {
            HeaderMap trailers = new HeaderMap();
            for (Map.Entry<String, String> e : resp.trailers()) {
                trailers.append(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue().getBytes(StandardCharsets.ISO_8859_1));
            }
            body.receiveTrailers(trailers);
            body.finish();
        });
        resp.exceptionHandler(e -> body.fail("backend " + b.name() + " response broke off: " + e.getMessage()));
        return new PendingRequest.Answer(head, body);
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClientAgent::close);
        clients.clear();
    }
}
