package cn.onestop.http;

import cn.onestop.identity.AuthFailures;
import cn.onestop.identity.Authenticator;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.RequestIds;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An HTTP server of the gateway, on Javalin (Jetty): TLS as {@link Listen} says, and on every
 * guarded route the identity rules of the gRPC front — a client certificate from the gateway's CA or
 * an {@code Authorization: Bearer} token, resolved by the same {@link Authenticator}; none is 401
 * (and the attempt is in the audit trail), a caller the route's {@link Policy} refuses is 403 with
 * the reason. Every request has a request id ({@code X-Request-Id}, as for gRPC: {@link RequestIds}),
 * returned in the response and put in the MDC while it is served; refusals and failures are logged
 * at INFO, answers at DEBUG. A failure reaches the caller as 500 with an incident id, never a stack
 * trace.
 */
public final class WebServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);
    static final String REQUEST_ID = "X-Request-Id";

    /** Who a guarded route lets through: empty to let the caller in, else why not. */
    public interface Policy {
        Optional<Failure> check(Caller caller);
    }

    /** A route's work. */
    public interface Handler {
        /** @param caller who called; null on an open route */
        void handle(Context ctx, Caller caller) throws Exception;
    }

    private final Javalin app;

    private WebServer(Javalin app) {
        this.app = app;
    }

    /** A server on {@code listen}, whose guarded routes know callers through {@code authenticator}. */
    public static Builder on(Listen listen, Authenticator authenticator, AuthFailures failures) {
        return new Builder(listen, authenticator, failures);
    }

    /** The routes of a server, then {@link #start()}. */
    public static final class Builder {
        private record Route(String path, Policy policy, Handler handler) {
        }

        private final Listen listen;
        private final Authenticator authenticator;
        private final AuthFailures failures;
        private final List<Route> routes = new ArrayList<>();
        private int threads = 8;
        private String name = "onestop-http";

        private Builder(Listen listen, Authenticator authenticator, AuthFailures failures) {
            this.listen = listen;
            this.authenticator = authenticator;
            this.failures = failures;
        }

        /** GET {@code path} for anybody, no identity asked. */
        public Builder open(String path, Handler handler) {
            routes.add(new Route(path, null, handler));
            return this;
        }

        /** GET {@code path} for a caller with an identity that {@code policy} lets through. */
        public Builder guarded(String path, Policy policy, Handler handler) {
            routes.add(new Route(path, java.util.Objects.requireNonNull(policy, "policy"), handler));
            return this;
        }

        /** At most {@code n} requests served at once (default 8); the name of the threads. */
        public Builder threads(int n, String threadName) {
            if (n < 2 || n > 1_000) {
                throw new IllegalArgumentException("threads must be 2..1000, got " + n);
            }
            threads = n;
            name = threadName;
            return this;
        }

        /** Starts listening. */
        public WebServer start() {
            Guard guard = new Guard(authenticator, failures);
            Javalin app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.startup.startupWatcherEnabled = false;
                QueuedThreadPool pool = new QueuedThreadPool(threads, Math.min(2, threads));
                pool.setName(name);
                pool.setDaemon(true);
                config.jetty.threadPool = pool;
                config.jetty.addConnector((server, http) -> Connectors.of(server, http, listen));
                for (Route r : routes) {
                    config.routes.get(r.path(), ctx -> guard.serve(ctx, r.policy(), r.handler()));
                }
            });
            app.start();
            return new WebServer(app);
        }
    }

    /** The port it listens on. */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    /** Serves one request: its request id, its caller, its refusal or answer, its log line. */
    private record Guard(Authenticator authenticator, AuthFailures failures) {
        void serve(Context ctx, Policy policy, Handler handler) {
            String requestId = RequestIds.accept(ctx.header(REQUEST_ID));
            String what = ctx.method() + " " + ctx.path();
            ctx.header(REQUEST_ID, requestId);
            Map<String, String> before = MDC.getCopyOfContextMap();
            MDC.put("request_id", requestId);
            MDC.put("method", what);
            try {
                Caller caller = null;
                if (policy != null) {
                    caller = caller(ctx, what, requestId);
                    if (caller == null) {
                        return;
                    }
                    MDC.put("principal", caller.subject());
                    Optional<Failure> refused = policy.check(caller);
                    if (refused.isPresent()) {
                        refuse(ctx, 403, "PERMISSION_DENIED", refused.get().reason().name(), refused.get().message());
                        return;
                    }
                }
                handler.handle(ctx, caller);
                LOG.debug("{} {} by {}", what, ctx.statusCode(), caller == null ? "anybody" : caller.subject());
            } catch (Exception | Error e) {
                String incident = UUID.randomUUID().toString();
                LOG.error("{}: incident {}", what, incident, e);
                ctx.status(500).json(body("INTERNAL", "INTERNAL", "internal error, incident " + incident));
            } finally {
                if (before == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(before);
                }
            }
        }

        /** The caller, or null when the request was answered 401. */
        private Caller caller(Context ctx, String what, String requestId) {
            Optional<cn.onestop.identity.Presented> presented = HttpIdentity.presented(ctx);
            if (presented.isEmpty()) {
                refuse(ctx, 401, "UNAUTHENTICATED", "UNAUTHENTICATED", "the Authorization header must be "
                        + "'Bearer <token>'");
                return null;
            }
            Authenticator.Outcome o = authenticator.authenticate(presented.get(), requestId);
            if (o.caller().isEmpty()) {
                failures.refused(what, o, requestId);
                refuse(ctx, 401, "UNAUTHENTICATED", "UNAUTHENTICATED", "no valid identity: present a client "
                        + "certificate issued by the gateway's CA or an 'Authorization: Bearer <token>' header");
                return null;
            }
            return o.caller().get();
        }

        private static void refuse(Context ctx, int status, String code, String reason, String message) {
            if (status == 401) {
                ctx.header("WWW-Authenticate", "Bearer");
            }
            ctx.status(status).json(body(code, reason, message));
            LOG.info("{} {} {} by {}", ctx.method() + " " + ctx.path(), status, reason,
                    MDC.get("principal") == null ? "nobody" : MDC.get("principal"));
        }

        private static Map<String, String> body(String code, String reason, String message) {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("code", code);
            m.put("reason", reason);
            m.put("message", message);
            return m;
        }
    }
}
