package cn.onestop.cli;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.io.PrintStream;

/**
 * A gateway's refusal as a person and a script read it: one line on stderr with the status, the
 * stable reason and the gateway's words, then every field at fault; and the exit status of
 * {@link ClientCommand#exitStatus}.
 */
final class Refusals {
    private Refusals() {
    }

    /** Prints {@code e} to {@code err} and returns the exit status it means. */
    static int report(StatusRuntimeException e, PrintStream err) {
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        String reason = reason(e);
        err.println(e.getStatus().getCode() + (reason.isEmpty() ? "" : " [" + reason + "]") + ": "
                + e.getStatus().getDescription());
        if (details != null) {
            for (var any : details.getDetailsList()) {
                if (any.is(BadRequest.class)) {
                    for (var v : unpack(any, BadRequest.class).getFieldViolationsList()) {
                        err.println("  " + v.getField() + ": " + v.getDescription());
                    }
                }
            }
        }
        return ClientCommand.exitStatus(e.getStatus().getCode());
    }

    /** The {@code google.rpc.ErrorInfo} reason of {@code e}, or empty. */
    static String reason(StatusRuntimeException e) {
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        if (details != null) {
            for (var any : details.getDetailsList()) {
                if (any.is(ErrorInfo.class)) {
                    return unpack(any, ErrorInfo.class).getReason();
                }
            }
        }
        return "";
    }

    private static <T extends com.google.protobuf.Message> T unpack(com.google.protobuf.Any any, Class<T> type) {
        try {
            return any.unpack(type);
        } catch (InvalidProtocolBufferException x) {
            throw new IllegalStateException("a malformed " + type.getSimpleName() + " in the gateway's answer", x);
        }
    }
}
