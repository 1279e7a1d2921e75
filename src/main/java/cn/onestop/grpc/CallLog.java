package cn.onestop.grpc;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.RequestIds;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One log line per call, and its request id. The request id is the caller's {@code x-request-id}
 * when it is a good one ({@link RequestIds}), else one made here; it goes into the call's context
 * (the caller resolved on the worker carries it into the audit trail), into the MDC of the threads
 * that work on the call ({@link Entry#inMdc}), and back to the caller in the response headers and
 * trailers. When the call closes — on whichever thread answers it: a worker, a batch writer, or the
 * network thread for a call refused at once — one line says the method, the outcome (status code and
 * refusal reason), the duration and who called (principal, role, institution): never a credential,
 * a name, an amount or anything else of a person. Health checks are logged at DEBUG only.
 */
final class CallLog implements ServerInterceptor {
    static final Context.Key<Entry> ENTRY = Context.key("onestop-call");
    static final Metadata.Key<String> REQUEST_ID_HEADER = Metadata.Key.of("x-request-id",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Logger LOG = LoggerFactory.getLogger(CallLog.class);
    private static final String HEALTH = "grpc.health.v1.Health";

    private final Consumer<CallOutcome> outcomes;

    /** @param outcomes hears how every call ended (after its line is written) */
    CallLog(Consumer<CallOutcome> outcomes) {
        this.outcomes = outcomes;
    }

    /** One call: its request id, its method, when it began, and who it turned out to be. */
    static final class Entry {
        final String requestId;
        final String service;
        final String method;
        final long started = System.nanoTime();
        private volatile Caller caller;

        Entry(String requestId, String fullMethod) {
            this.requestId = requestId;
            int slash = fullMethod.lastIndexOf('/');
            this.service = slash < 0 ? "" : fullMethod.substring(0, slash);
            this.method = fullMethod.substring(slash + 1);
        }

        /** The caller, once resolved. */
        void caller(Caller c) {
            caller = c;
        }

        /**
         * Puts the call's request id, method and caller in the MDC of this thread until the answer is
         * closed; what was there before is put back.
         */
        Mdc inMdc() {
            Mdc scope = new Mdc(MDC.getCopyOfContextMap());
            MDC.put("request_id", requestId);
            MDC.put("method", service + "/" + method);
            Caller c = caller;
            if (c != null) {
                MDC.put("principal", c.subject());
            }
            return scope;
        }
    }

    /** Puts back the MDC a thread had. */
    static final class Mdc implements AutoCloseable {
        private final Map<String, String> before;

        private Mdc(Map<String, String> before) {
            this.before = before;
        }

        @Override
        public void close() {
            if (before == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(before);
            }
        }
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        Entry entry = new Entry(RequestIds.accept(headers.get(REQUEST_ID_HEADER)),
                call.getMethodDescriptor().getFullMethodName());
        ServerCall<Q, A> logged = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void sendHeaders(Metadata h) {
                h.put(REQUEST_ID_HEADER, entry.requestId);
                super.sendHeaders(h);
            }

            @Override
            public void close(Status status, Metadata trailers) {
                trailers.put(REQUEST_ID_HEADER, entry.requestId);
                String reason = reason(status, trailers); // read before the transport takes the trailers
                super.close(status, trailers);
                finished(entry, status.getCode(), reason);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(ENTRY, entry), logged, headers, next);
    }

    private void finished(Entry e, Status.Code code, String reason) {
        Duration took = Duration.ofNanos(System.nanoTime() - e.started);
        try (Mdc scope = e.inMdc()) {
            line(e, code, reason, took);
        } catch (RuntimeException ignored) {
            // a log that cannot be written does not fail the call
        }
        try {
            outcomes.accept(new CallOutcome(e.service, e.method, code.name(), reason, took));
        } catch (RuntimeException ignored) {
            // nor does a counter
        }
    }

    private static void line(Entry e, Status.Code code, String reason, Duration took) {
        boolean health = HEALTH.equals(e.service);
        if (health ? !LOG.isDebugEnabled() : !LOG.isInfoEnabled()) {
            return;
        }
        Caller c = e.caller;
        long ms = took.toMillis();
        MDC.put("code", code.name());
        MDC.put("reason", reason);
        MDC.put("duration_ms", Long.toString(ms));
        if (c != null) {
            MDC.put("role", c.role().name());
            if (c.institutionCode() != null) {
                MDC.put("institution", c.institutionCode());
            }
        }
        String who = c == null ? "nobody" : c.subject() + " (" + c.role() + ")";
        String outcome = reason.isEmpty() || reason.equals(code.name()) ? code.name() : code + " " + reason;
        if (health) {
            LOG.debug("{} {} in {} ms by {}", e.method, outcome, ms, who);
        } else {
            LOG.info("{} {} in {} ms by {}", e.method, outcome, ms, who);
        }
    }

    /** The refusal's ErrorInfo reason, or empty. */
    static String reason(Status status, Metadata trailers) {
        if (status.isOk()) {
            return "";
        }
        com.google.rpc.Status s = StatusProto.fromStatusAndTrailers(status, trailers);
        for (Any any : s.getDetailsList()) {
            if (any.is(ErrorInfo.class)) {
                try {
                    return any.unpack(ErrorInfo.class).getReason();
                } catch (InvalidProtocolBufferException e) {
                    return "";
                }
            }
        }
        return "";
    }
}
