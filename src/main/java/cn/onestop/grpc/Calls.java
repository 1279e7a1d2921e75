package cn.onestop.grpc;

import cn.onestop.identity.Authenticator;
import cn.onestop.identity.AuthFailures;
import cn.onestop.identity.Presented;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.kernel.Result;
import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs one unary handler: hands it from the network thread to the bounded worker pool (a full queue
 * is answered RESOURCE_EXHAUSTED at once), then on the worker refuses a call that was cancelled or
 * whose deadline passed while it queued, resolves the caller (UNAUTHENTICATED when there is none),
 * answers a refusal as its status, and never lets an exception reach the client as anything but a
 * status. The call's request id, method and caller are in the MDC of the worker while it works, and
 * of the thread that answers (a batch writer, for a settlement), so every line logged on the call's
 * behalf carries them.
 */
final class Calls {
    private final Duration defaultTimeout;
    private final Executor workers;
    private final Authenticator authenticator;
    private final AuthFailures failures;

    Calls(Duration defaultTimeout, Executor workers, Authenticator authenticator, AuthFailures failures) {
        this.defaultTimeout = defaultTimeout;
        this.workers = workers;
        this.authenticator = authenticator;
        this.failures = failures;
    }

    interface Handler<T> {
        Result<T> handle(Caller caller, Deadline deadline) throws Exception;
    }

    /** A handler whose answer comes later (a settlement answered when its batch commits). */
    interface AsyncHandler<T> {
        CompletableFuture<Result<T>> handle(Caller caller, Deadline deadline) throws Exception;
    }

    <T> void run(String method, StreamObserver<T> out, Handler<T> handler) {
        runAsync(method, out, (caller, deadline) -> CompletableFuture.completedFuture(handler.handle(caller, deadline)));
    }

    /**
     * As {@link #run}, but the worker is free as soon as the handler has handed its work on; the
     * answer is sent when the future completes.
     */
    <T> void runAsync(String method, StreamObserver<T> out, AsyncHandler<T> handler) {
        Context ctx = Context.current();
        try {
            workers.execute(ctx.wrap(() -> runNow(method, ctx, out, handler)));
        } catch (RejectedExecutionException e) {
            out.onError(Errors.status(Code.RESOURCE_EXHAUSTED, "the gateway is at capacity: every worker is busy "
                    + "and its queue is full; retry shortly with the same message id", "OVERLOADED"));
        }
    }

    private <T> void runNow(String method, Context ctx, StreamObserver<T> out, AsyncHandler<T> handler) {
        CallLog.Entry entry = entry(method, ctx);
        try (CallLog.Mdc mdc = entry.inMdc()) {
            runLogged(method, entry, ctx, out, handler);
        }
    }

    private <T> void runLogged(String method, CallLog.Entry entry, Context ctx, StreamObserver<T> out,
                               AsyncHandler<T> handler) {
        try {
            if (ctx.isCancelled()) {
                out.onError(Errors.status(Code.CANCELLED, "the call was cancelled before it ran", "CANCELLED"));
                return;
            }
            Deadline deadline = Deadline.after(defaultTimeout);
            io.grpc.Deadline callerDeadline = ctx.getDeadline();
            if (callerDeadline != null) {
                long left = callerDeadline.timeRemaining(TimeUnit.NANOSECONDS);
                if (left <= 0) {
                    out.onError(Errors.status(Code.DEADLINE_EXCEEDED, "the deadline passed before the call ran",
                            "DEADLINE_EXCEEDED"));
                    return;
                }
                deadline = deadline.atMost(Duration.ofNanos(left));
            }
            try (Deadline.Scope scope = deadline.enter()) { // bounds the waits for the database too
                Optional<Caller> caller = caller(method, entry, ctx);
                if (caller.isEmpty()) {
                    out.onError(Errors.status(Code.UNAUTHENTICATED, "no valid identity: present a client certificate "
                            + "issued by the gateway's CA or an 'authorization: Bearer <token>' header", "UNAUTHENTICATED"));
                    return;
                }
                org.slf4j.MDC.put("principal", caller.get().subject());
                handler.handle(caller.get(), deadline).whenComplete((r, t) -> {
                    try (CallLog.Mdc answering = entry.inMdc()) { // on the thread that completes it
                        answer(method, out, r, t);
                    }
                });
            }
        } catch (InvalidRequestException e) {
            out.onError(Errors.invalid(e));
        } catch (Exception | Error e) {
            out.onError(Errors.unexpected(method, e));
        }
    }

    private static <T> void answer(String method, StreamObserver<T> out, Result<T> r, Throwable t) {
        try {
            if (t != null) {
                Throwable cause = t instanceof java.util.concurrent.CompletionException && t.getCause() != null
                        ? t.getCause() : t;
                out.onError(cause instanceof InvalidRequestException e ? Errors.invalid(e)
                        : Errors.unexpected(method, cause));
            } else if (r instanceof Result.Ok<T> ok) {
                out.onNext(ok.value());
                out.onCompleted();
            } else {
                out.onError(Errors.of(((Result.Failed<T>) r).failure()));
            }
        } catch (RuntimeException e) {
            // the call went away meanwhile (cancelled): nobody to answer
        }
    }

    /** The call's log entry (one made here when the call came past no {@link CallLog}: a test's own server). */
    private static CallLog.Entry entry(String method, Context ctx) {
        CallLog.Entry e = CallLog.ENTRY.get(ctx);
        return e != null ? e : new CallLog.Entry(cn.onestop.kernel.RequestIds.fresh(), method);
    }

    private Optional<Caller> caller(String method, CallLog.Entry entry, Context ctx) {
        Presented presented = IdentityInterceptor.PRESENTED.get(ctx);
        Authenticator.Outcome o = authenticator.authenticate(presented == null ? Presented.NOTHING : presented,
                entry.requestId);
        if (o.caller().isEmpty()) {
            failures.refused(method, o, entry.requestId);
        }
        o.caller().ifPresent(entry::caller);
        return o.caller();
    }
}
