package dev.ledge.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ledge.config.ServiceSpec;
import dev.ledge.deploy.DeployException;
import dev.ledge.deploy.ModuleVersion;
import dev.ledge.engine.ModuleLoader;
import dev.ledge.server.HostedService;
import dev.ledge.server.ServiceSet;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The admin address's deployment API, served only when a token is configured and answered only to
 * {@code Authorization: Bearer TOKEN}: list services and their versions, upload a new module
 * version ({@code PUT /services/NAME/versions}, body = the .wasm) and roll back
 * ({@code POST /services/NAME/rollback[?to=N]}). Uploads are compiled and linked on a deploy
 * thread, never the event loop; every answer is JSON.
 */
public final class AdminApi implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger("ledge.admin");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Stack of the deploy thread: compiling a large module recurses deeply. */
    private static final long DEPLOY_STACK_BYTES = 64L << 20;

    private final Vertx vertx;
    private final ServiceSet services;
    private final byte[] token;
    private final ExecutorService deployer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(null, r, "ledge-deploy", DEPLOY_STACK_BYTES);
        t.setDaemon(true);
        return t;
    });

    /** An API over {@code services} for callers presenting {@code token} (not blank). */
    public AdminApi(Vertx vertx, ServiceSet services, String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the admin token must not be blank");
        }
        this.vertx = vertx;
        this.services = services;
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code path} is one of this API's. */
    static boolean owns(String path) {
        return path.equals("/services") || path.startsWith("/services/");
    }

    void handle(HttpServerRequest req) {
        if (!authorized(req.getHeader("authorization"))) {
            req.response().putHeader("www-authenticate", "Bearer realm=\"ledge admin\"");
            error(req, 401, "missing or wrong admin token (send Authorization: Bearer TOKEN)");
            return;
        }
        String[] parts = req.path().substring(1).split("/", -1);
        try {
            if (parts.length == 1 && req.method() == HttpMethod.GET) {
                listServices(req);
            } else if (parts.length == 3 && parts[2].equals("versions") && req.method() == HttpMethod.GET) {
                listVersions(req, parts[1]);
            } else if (parts.length == 3 && parts[2].equals("versions") && (req.method() == HttpMethod.PUT || req.method() == HttpMethod.POST)) {
                upload(req, parts[1]);
            } else if (parts.length == 3 && parts[2].equals("rollback") && req.method() == HttpMethod.POST) {
                rollback(req, parts[1]);
            } else {
                error(req, 404, "no such admin route: " + req.method() + " " + req.path()
                        + " (GET /services, GET|PUT /services/NAME/versions, POST /services/NAME/rollback[?to=N])");
            }
        } catch (DeployException e) {
            error(req, e.status(), e.getMessage());
        }
    }

    private boolean authorized(String header) {
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private void listServices(HttpServerRequest req) {
        ObjectNode root = JSON.createObjectNode();
        var list = root.putArray("services");
        for (HostedService h : services.router().services()) {
            ServiceSpec spec = services.spec(h.name());
            ObjectNode s = list.addObject().put("name", h.name()).put("active_version", Integer.parseInt(h.activeVersion()))
                    .put("default", spec.isDefault());
            spec.hosts().forEach(s.putArray("hosts")::add);
        }
        send(req, 200, root);
    }

    private void listVersions(HttpServerRequest req, String service) {
        List<ModuleVersion> versions = services.versions(service);
        String active = services.router().service(service).activeVersion();
        ObjectNode root = JSON.createObjectNode().put("service", service).put("active_version", Integer.parseInt(active));
        var list = root.putArray("versions");
        for (ModuleVersion v : versions) {
            list.add(json(v, Integer.toString(v.id()).equals(active)));
        }
        send(req, 200, root);
    }

    private void upload(HttpServerRequest req, String service) {
        services.spec(service);
        Context ctx = vertx.getOrCreateContext();
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        req.handler(b -> {
            if (body.length() + b.length() > ModuleLoader.MAX_MODULE_BYTES) {
                tooLarge[0] = true;
                return;
            }
            if (!tooLarge[0]) {
                body.appendBuffer(b);
            }
        });
        if ("100-continue".equalsIgnoreCase(req.getHeader("expect"))) {
            req.response().writeContinue();
        }
        req.endHandler(v -> {
            if (tooLarge[0]) {
                error(req, 413, "a module may be at most " + ModuleLoader.MAX_MODULE_BYTES + " bytes");
                return;
            }
            byte[] wasm = body.getBytes();
            offLoop(req, ctx, 201, () -> {
                ModuleVersion mv = services.deploy(service, wasm);
                LOG.info(service + ": deployed version " + mv.id() + " (sha256 " + mv.sha256() + ", " + mv.bytes() + " bytes)");
                return json(mv, true).put("service", service);
            });
        });
    }

    private void rollback(HttpServerRequest req, String service) {
        services.spec(service);
        String to = req.getParam("to");
        Integer target;
        try {
            target = to == null || to.isEmpty() ? null : Integer.valueOf(to);
        } catch (NumberFormatException e) {
            error(req, 400, "?to= must be a version number, not '" + to + "'");
            return;
        }
        Context ctx = vertx.getOrCreateContext();
        offLoop(req, ctx, 200, () -> {
            ModuleVersion mv = services.rollback(service, target);
            LOG.info(service + ": rolled back to version " + mv.id());
            return json(mv, true).put("service", service);
        });
    }

    /** Runs {@code work} on the deploy thread and answers with its JSON (or its error) on the request's context. */
    private void offLoop(HttpServerRequest req, Context ctx, int status, Supplier<ObjectNode> work) {
        deployer.execute(() -> {
            ObjectNode result;
            try {
                result = work.get();
            } catch (DeployException e) {
                ctx.runOnContext(v -> error(req, e.status(), e.getMessage()));
                return;
            } catch (RuntimeException e) {
                LOG.warning("deploy failed: " + e);
                ctx.runOnContext(v -> error(req, 500, "deploy failed: " + e.getMessage()));
                return;
            }
            ctx.runOnContext(v -> send(req, status, result));
        });
    }

    private static ObjectNode json(ModuleVersion v, boolean active) {
        return JSON.createObjectNode().put("id", v.id()).put("sha256", v.sha256()).put("deployed", v.deployed().toString())
                .put("bytes", v.bytes()).put("source", v.source()).put("active", active);
    }

    private static void error(HttpServerRequest req, int status, String message) {
        send(req, status, JSON.createObjectNode().put("error", message));
    }

    private static void send(HttpServerRequest req, int status, ObjectNode body) {
        if (req.response().ended()) {
            return;
        }
        req.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.toString() + "\n");
    }

    @Override
    public void close() {
        deployer.shutdownNow();
    }
}
