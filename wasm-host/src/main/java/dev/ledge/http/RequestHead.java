package dev.ledge.http;

/** The mutable head of a request a guest holds a handle to: method, URI, version and headers. */
public final class RequestHead {
    public String method = "GET";
    public String uri = "/";
    public HttpVersion version = HttpVersion.HTTP_11;
    public final HeaderMap headers;
    /** Set on requests that came from a client; null on requests the guest built. */
    public DownstreamInfo downstream;
    /** auto_decompress_response_set: gzip responses to this request are decompressed. */
    public boolean autoDecompressGzip;
    /** framing_headers_mode manually_from_headers: keep the guest's Content-Length / Transfer-Encoding. */
    public boolean manualFraming;
    /** cache_override_set / cache_override_v2_set: the tag bits, TTL, SWR and surrogate keys. */
    public int cacheOverrideTag;
    public int cacheOverrideTtl;
    public int cacheOverrideSwr;
    public String cacheOverrideSurrogateKeys;
    /**
     * Set on the backend request the HTTP cache suggests: the guest is filling the cache itself,
     * so send must not look the request up again (that would wait on the guest's own obligation).
     */
    public boolean filledByGuest;

    public RequestHead() {
        this(new HeaderMap());
    }

    public RequestHead(HeaderMap headers) {
        this.headers = headers;
    }
}
