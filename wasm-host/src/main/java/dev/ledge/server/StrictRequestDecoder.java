package dev.ledge.server;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;

/**
 * Vert.x's HTTP/1.x request decoder, except that a request with both Content-Length and
 * {@code Transfer-Encoding: chunked} is marked as failed instead of having its Content-Length
 * silently dropped (which is what the plain decoder does, following RFC 9112 section 6.3).
 * A failed request reaches the server's invalid-request handler, which refuses it with 400.
 */
final class StrictRequestDecoder extends VertxHttpRequestDecoder {
    /** Why such a request was refused; the message is what the client reads. */
    static final class AmbiguousFraming extends IllegalArgumentException {
        AmbiguousFraming() {
            super("a request may not carry both Content-Length and Transfer-Encoding");
        }
    }

    StrictRequestDecoder(HttpServerOptions options) {
        super(options);
    }

    @Override
    protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
        message.setDecoderResult(DecoderResult.failure(new AmbiguousFraming()));
    }
}
