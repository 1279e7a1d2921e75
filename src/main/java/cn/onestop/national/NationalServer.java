package cn.onestop.national;

import cn.onestop.identity.Presented;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.eclipse.jetty.server.ServerConnector;

import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

/**
 * The HTTP server of the national interface: Javalin on Jetty, on its own port, with the gateway's
 * TLS. {@code POST /fsi/api/rsfComIfsService/callService} (also with {@code /{infno}} appended). The
 * body is read here, bounded; the answer is made on the gateway's bounded workers (a full queue is
 * refused at once), never on Jetty's threads.
 */
public final class NationalServer implements AutoCloseable {
    /** The path public clients post to. */
    public static final String PATH = "/fsi/api/rsfComIfsService/callService";
    private static final Pattern GOOD_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Javalin app;

    private NationalServer(Javalin app) {
        this.app = app;
    }

    /**
     * Where and how it listens.
     *
     * @param port 0: any free port
     * @param tls null: plain HTTP (only for a gateway configured plaintext on loopback)
     * @param maxBodyBytes a larger body is refused (HTTP 413) before it is read to its end
     */
    public record Listen(String host, int port, TlsConnector.Pem tls, int maxBodyBytes) {
    }

    /** TLS material as PEM files (certificate chain, key, client CA). */
    public static TlsConnector.Pem pem(java.nio.file.Path cert, java.nio.file.Path key, java.nio.file.Path clientCa) {
        return new TlsConnector.Pem(cert, key, clientCa);
    }

    /**
     * Where the answers are made: a checkout's message on the gateway's workers, a clearing message
     * (3xxx) on the clearing side's own executor, so a month's reconciliation never takes a worker a
     * checkout is waiting for.
     */
    public record Workers(Executor checkout, Executor clearing) {
        Executor of(String infno) {
            return NationalFront.isClearing(infno) ? clearing : checkout;
        }
    }

    public static NationalServer start(NationalFront front, Workers workers, Listen listen) {
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.http.maxRequestSize = listen.maxBodyBytes();
            cfg.jetty.addConnector((server, http) -> {
                http.setSendServerVersion(false);
                ServerConnector c = listen.tls() == null
                        ? TlsConnector.http(server, http, listen.host(), listen.port())
                        : TlsConnector.https(server, http, listen.host(), listen.port(), listen.tls());
                return c;
            });
            cfg.routes.post(PATH, ctx -> handle(ctx, front, workers, listen.maxBodyBytes(), null));
            cfg.routes.post(PATH + "/{infno}", ctx -> handle(ctx, front, workers, listen.maxBodyBytes(),
                    ctx.pathParam("infno")));
            cfg.routes.exception(Exception.class, (e, ctx) -> send(ctx, front.transportRefusal(400,
                    "the request cannot be read")));
            cfg.routes.error(404, ctx -> send(ctx, front.transportRefusal(404, "no such path: post to " + PATH)));
            cfg.routes.error(405, ctx -> send(ctx, front.transportRefusal(405, "post to " + PATH)));
        });
        app.start();
        return new NationalServer(app);
    }

    private static void handle(Context ctx, NationalFront front, Workers workers, int max, String pathInfno)
            throws IOException {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) {
            send(ctx, front.transportRefusal(413, "the body is larger than " + max + " bytes"));
            return;
        }
        byte[] body = read(ctx.req().getInputStream(), max);
        if (body == null) {
            send(ctx, front.transportRefusal(413, "the body is larger than " + max + " bytes"));
            return;
        }
        Presented presented = HttpIdentity.of(ctx.header("Authorization"), ctx.req().getAttribute(
                HttpIdentity.CERTIFICATES));
        String given = ctx.header("X-Request-Id");
        String requestId = given != null && GOOD_ID.matcher(given).matches() ? given : newId();
        ctx.header("X-Request-Id", requestId);
        CompletableFuture<Reply.Http> answer;
        try {
            Executor on = workers.of(pathInfno != null ? pathInfno : NationalJson.infno(body));
            answer = CompletableFuture.supplyAsync(() -> front.handle(body, presented, pathInfno, requestId), on);
        } catch (RejectedExecutionException e) {
            send(ctx, front.transportRefusal(503, "OVERLOADED: the gateway is at capacity; send the same message "
                    + "again shortly"));
            return;
        }
        ctx.future(() -> answer.thenAccept(r -> send(ctx, r)));
    }

    /** At most {@code max} bytes of {@code in}, or null when it holds more. */
    private static byte[] read(InputStream in, int max) throws IOException {
        byte[] b = in.readNBytes(max);
        return in.read() >= 0 ? null : b;
    }

    private static void send(Context ctx, Reply.Http r) {
        ctx.status(r.status());
        ctx.contentType(r.contentType());
        if (r.filename() != null) {
            ctx.header("Content-Disposition", "attachment; filename*=UTF-8''" + java.net.URLEncoder.encode(
                    r.filename(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        }
        ctx.result(r.body());
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
