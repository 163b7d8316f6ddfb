package dev.ledge.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.Http1xOrH2CHandler;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.impl.NetServerImpl;
import io.vertx.core.net.impl.NetServerInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Makes an HTTP server whose HTTP/1.x connections decode requests with {@link StrictRequestDecoder},
 * so that a request carrying both Content-Length and Transfer-Encoding is refused with 400 instead
 * of being framed by one and forwarded with the other gone.
 *
 * <p>Vert.x 5 offers no public hook on a new connection before its first request is decoded (its
 * connection handler runs after that when h2c is on), so the server is built on a view of the
 * Vert.x instance whose TCP servers report each accepted socket here once Vert.x has set it up.
 * The decoder is swapped in before it has seen a byte: right away when the pipeline already has
 * it, otherwise just before the first bytes reach it (after the h2c sniffer has chosen HTTP/1.x).
 * This leans on Vert.x internals (HttpServerImpl, NetServerImpl, the "httpDecoder" handler name);
 * RequestLimitsTest fails if an upgrade changes them.
 */
final class FramingGuard {
    private static final String DECODER = "httpDecoder";

    private FramingGuard() {
    }

    /** An HTTP server on {@code vertx} with the strict decoder (a plain one if Vert.x is not the expected shape). */
    static HttpServer createHttpServer(Vertx vertx, HttpServerOptions options) {
        if (!(vertx instanceof VertxInternal internal)) {
            return vertx.createHttpServer(options);
        }
        VertxInternal view = (VertxInternal) Proxy.newProxyInstance(FramingGuard.class.getClassLoader(),
                new Class<?>[] {VertxInternal.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createNetServer") && args != null && args.length == 1
                            && args[0] instanceof NetServerOptions tcpOptions) {
                        return new GuardedNetServer(internal, tcpOptions.copy(), options);
                    }
                    return invoke(internal, method, args);
                });
        return new HttpServerImpl(view, options);
    }

    /** Answers a request the decoder refused: our own 400 for ambiguous framing, Vert.x's answer otherwise. */
    static void invalidRequest(HttpServerRequest req) {
        Throwable cause = req.decoderResult() == null ? null : req.decoderResult().cause();
        if (cause instanceof StrictRequestDecoder.AmbiguousFraming) {
            req.response().setStatusCode(400).putHeader("content-type", "text/plain; charset=utf-8")
                    .putHeader("connection", "close").end("Ledge: " + cause.getMessage() + "\n")
                    .onComplete(v -> req.connection().close());
            return;
        }
        HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(req);
    }

    /** The TCP server under the HTTP server: Vert.x's own, reporting each accepted socket here after Vert.x has set it up. */
    private static final class GuardedNetServer extends NetServerImpl {
        private final HttpServerOptions options;

        GuardedNetServer(VertxInternal vertx, NetServerOptions tcpOptions, HttpServerOptions options) {
            super(vertx, tcpOptions);
            this.options = options;
        }

        @Override
        public synchronized NetServerInternal connectHandler(Handler<NetSocket> handler) {
            return super.connectHandler(so -> {
                handler.handle(so);
                if (so instanceof NetSocketInternal si) {
                    install(si.channelHandlerContext().pipeline(), options);
                }
            });
        }
    }

    private static void install(ChannelPipeline pipeline, HttpServerOptions options) {
        if (pipeline.get(DECODER) != null) {
            pipeline.replace(DECODER, DECODER, new StrictRequestDecoder(options));
            return;
        }
        ChannelHandlerContext sniffer = pipeline.context(Http1xOrH2CHandler.class);
        if (sniffer != null) {
            pipeline.addAfter(sniffer.name(), "ledgeFramingGuard", new SwapOnFirstRead(options));
        }
    }

    /** Sits where the HTTP/1.x decoder will be added; swaps it for the strict one before passing the first bytes on. */
    private static final class SwapOnFirstRead extends ChannelInboundHandlerAdapter {
        private final HttpServerOptions options;

        SwapOnFirstRead(HttpServerOptions options) {
            this.options = options;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ChannelPipeline p = ctx.pipeline();
            if (p.get(DECODER) != null && !(p.get(DECODER) instanceof StrictRequestDecoder)) {
                p.replace(DECODER, DECODER, new StrictRequestDecoder(options));
            }
            p.remove(this);
            ctx.fireChannelRead(msg);
        }
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
