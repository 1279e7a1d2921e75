package cn.onestop.grpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import com.google.rpc.Code;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes that are not the request a method takes — malformed protobuf, a string that is not UTF-8 —
 * answered INVALID_ARGUMENT ({@code MALFORMED_REQUEST}), with the parser's reason.
 *
 * <p>Why here: grpc-java parses a request with the method's marshaller inside the stream listener
 * ({@code ServerCallImpl.ServerStreamListenerImpl.messagesAvailable} calls {@code
 * method.parseRequest}); the protobuf marshaller throws a {@code StatusRuntimeException} (INTERNAL,
 * "Invalid protobuf byte sequence"), and {@code ServerImpl.JumpToApplicationThreadServerStreamListener}
 * catches every throwable from that callback and closes the stream with {@code UNKNOWN "Application
 * error processing RPC"}, whatever status the exception carried. So no interceptor and no handler
 * ever sees the failure, and throwing a better status from the marshaller changes nothing. Instead,
 * each method's request marshaller is wrapped so that parsing never throws: it yields a {@link
 * Parsed} holding either the message or the parse failure, and the method's handler is wrapped to
 * close the call with a proper status on a failure — before the service (and its worker pool, and
 * the database) is reached.
 */
final class StrictRequests {
    static final String MALFORMED = "MALFORMED_REQUEST";

    private StrictRequests() {
    }

    /** A request as the marshaller read it: the message, or why the bytes are not one (then message is null). */
    record Parsed<T>(T message, String problem) {
    }

    /** The same service whose every method refuses malformed request bytes with INVALID_ARGUMENT. */
    static ServerServiceDefinition guard(ServerServiceDefinition def) {
        ServiceDescriptor old = def.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> m : def.getMethods()) {
            methods.add(guard(m));
        }
        ServiceDescriptor.Builder sd = ServiceDescriptor.newBuilder(old.getName())
                .setSchemaDescriptor(old.getSchemaDescriptor()); // reflection still describes the service
        methods.forEach(m -> sd.addMethod(m.getMethodDescriptor()));
        ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(sd.build());
        methods.forEach(b::addMethod);
        return b.build();
    }

    private static <Q, A> ServerMethodDefinition<Parsed<Q>, A> guard(ServerMethodDefinition<Q, A> m) {
        MethodDescriptor<Q, A> original = m.getMethodDescriptor();
        MethodDescriptor<Parsed<Q>, A> lenient = original.toBuilder(new Lenient<>(original.getRequestMarshaller()),
                original.getResponseMarshaller()).build();
        ServerCallHandler<Q, A> handler = m.getServerCallHandler();
        return ServerMethodDefinition.create(lenient, (call, headers) -> {
            ServerCall.Listener<Q> inner = handler.startCall(new Unwrapped<>(call, original), headers);
            return new Refusing<>(call, original, inner);
        });
    }

    /** The method's own marshaller, made not to throw on bytes it cannot read. */
    private record Lenient<Q>(MethodDescriptor.Marshaller<Q> marshaller)
            implements MethodDescriptor.Marshaller<Parsed<Q>> {
        @Override
        public InputStream stream(Parsed<Q> value) {
            return marshaller.stream(value.message());
        }

        @Override
        public Parsed<Q> parse(InputStream stream) {
            try {
                return new Parsed<>(marshaller.parse(stream), null);
            } catch (RuntimeException e) {
                return new Parsed<>(null, problem(e));
            }
        }

        private static String problem(RuntimeException e) {
            Throwable cause = e instanceof StatusRuntimeException && e.getCause() != null ? e.getCause() : e;
            String m = cause.getMessage();
            return m == null || m.isBlank() ? cause.getClass().getSimpleName() : m;
        }
    }

    /** The service's listener behind one that closes the call on a request that could not be read. */
    private static final class Refusing<Q, A> extends ServerCall.Listener<Parsed<Q>> {
        private final ServerCall<Parsed<Q>, A> call;
        private final MethodDescriptor<Q, A> method;
        private final ServerCall.Listener<Q> inner;
        private boolean refused; // callbacks of one call are serialized

        Refusing(ServerCall<Parsed<Q>, A> call, MethodDescriptor<Q, A> method, ServerCall.Listener<Q> inner) {
            this.call = call;
            this.method = method;
            this.inner = inner;
        }

        @Override
        public void onMessage(Parsed<Q> p) {
            if (refused) {
                return;
            }
            if (p.message() != null) {
                inner.onMessage(p.message());
                return;
            }
            refused = true;
            StatusRuntimeException e = Errors.status(Code.INVALID_ARGUMENT, "the request is not a valid "
                    + requestType(method) + " (" + method.getFullMethodName() + "): " + p.problem(), MALFORMED);
            call.close(e.getStatus(), e.getTrailers() == null ? new Metadata() : e.getTrailers());
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                inner.onHalfClose();
            }
        }

        @Override
        public void onCancel() {
            inner.onCancel();
        }

        @Override
        public void onComplete() {
            inner.onComplete();
        }

        @Override
        public void onReady() {
            if (!refused) {
                inner.onReady();
            }
        }
    }

    private static String requestType(MethodDescriptor<?, ?> method) {
        if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> p
                && p.getMessagePrototype() != null) {
            return p.getMessagePrototype().getClass().getSimpleName();
        }
        return "request";
    }

    /** The call as the service's handler expects it: its own method descriptor and request type. */
    private static final class Unwrapped<Q, A> extends ServerCall<Q, A> {
        private final ServerCall<Parsed<Q>, A> call;
        private final MethodDescriptor<Q, A> method;

        Unwrapped(ServerCall<Parsed<Q>, A> call, MethodDescriptor<Q, A> method) {
            this.call = call;
            this.method = method;
        }

        @Override
        public void request(int numMessages) {
            call.request(numMessages);
        }

        @Override
        public void sendHeaders(Metadata headers) {
            call.sendHeaders(headers);
        }

        @Override
        public void sendMessage(A message) {
            call.sendMessage(message);
        }

        @Override
        public boolean isReady() {
            return call.isReady();
        }

        @Override
        public void close(Status status, Metadata trailers) {
            call.close(status, trailers);
        }

        @Override
        public boolean isCancelled() {
            return call.isCancelled();
        }

        @Override
        public void setMessageCompression(boolean enabled) {
            call.setMessageCompression(enabled);
        }

        @Override
        public void setCompression(String compressor) {
            call.setCompression(compressor);
        }

        @Override
        public void setOnReadyThreshold(int numBytes) {
            call.setOnReadyThreshold(numBytes);
        }

        @Override
        public SecurityLevel getSecurityLevel() {
            return call.getSecurityLevel();
        }

        @Override
        public Attributes getAttributes() {
            return call.getAttributes();
        }

        @Override
        public String getAuthority() {
            return call.getAuthority();
        }

        @Override
        public MethodDescriptor<Q, A> getMethodDescriptor() {
            return method;
        }
    }
}
