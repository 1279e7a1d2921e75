package cn.onestop.grpc;

import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.kernel.Result;
import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.stub.StreamObserver;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs one unary handler on the worker thread: refuses work whose deadline has already passed
 * (a call that waited in the queue too long) or that was cancelled, answers a refusal as its
 * status, and never lets an exception reach the client as anything but a status.
 */
final class Calls {
    private final Duration defaultTimeout;

    Calls(Duration defaultTimeout) {
        this.defaultTimeout = defaultTimeout;
    }

    interface Handler<T> {
        Result<T> handle(Deadline deadline) throws Exception;
    }

    <T> void run(String method, StreamObserver<T> out, Handler<T> handler) {
        try {
            Context ctx = Context.current();
            if (ctx.isCancelled()) {
                out.onError(Errors.status(Code.CANCELLED, "the call was cancelled before it ran", "CANCELLED"));
                return;
            }
            io.grpc.Deadline callerDeadline = ctx.getDeadline();
            Deadline deadline = Deadline.after(defaultTimeout);
            if (callerDeadline != null) {
                long left = callerDeadline.timeRemaining(TimeUnit.NANOSECONDS);
                if (left <= 0) {
                    out.onError(Errors.status(Code.DEADLINE_EXCEEDED, "the deadline passed before the call ran",
                            "DEADLINE_EXCEEDED"));
                    return;
                }
                deadline = deadline.atMost(Duration.ofNanos(left));
            }
            Result<T> r = handler.handle(deadline);
            if (r instanceof Result.Ok<T> ok) {
                out.onNext(ok.value());
                out.onCompleted();
            } else {
                out.onError(Errors.of(((Result.Failed<T>) r).failure()));
            }
        } catch (InvalidRequestException e) {
            out.onError(Errors.invalid(e));
        } catch (Exception | Error e) {
            out.onError(Errors.unexpected(method, e));
        }
    }
}
