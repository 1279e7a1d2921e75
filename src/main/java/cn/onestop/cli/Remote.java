package cn.onestop.cli;

import cn.onestop.api.v1.ClearingServiceGrpc;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The clearing commands' connection to a running gateway: address, deadline, and how an answer or a
 * refusal is printed (a summary, or with {@code --json} the answer in the API's JSON form).
 */
final class Remote {
    /** Answers up to this size: a detail reconciliation lists every difference. */
    static final int MAX_MESSAGE = 256 * 1024 * 1024;

    @Mixin
    Connection connection;

    @Option(names = "--deadline-ms", paramLabel = "MS", description = "deadline of the call (default: ${DEFAULT-VALUE})")
    long deadlineMs = 120_000;

    @Option(names = "--json", description = "print the answer as JSON (the API's field names)")
    boolean json;

    interface Call<T extends MessageOrBuilder> {
        T call(ClearingServiceGrpc.ClearingServiceBlockingStub stub) throws Exception;
    }

    /**
     * Makes the call as the caller {@code --as}, {@code --cert} or {@code --token} names (a clearing
     * node, an administrator) and prints the answer; 0 when answered, 1 when refused.
     */
    <T extends MessageOrBuilder> int run(Call<T> call, Function<T, String> summary) throws Exception {
        return run(null, call, summary, System.out, System.err);
    }

    /** As {@link #run(Call, Function)}, by default as {@code subject} (the institution the command names). */
    <T extends MessageOrBuilder> int run(String subject, Call<T> call, Function<T, String> summary) throws Exception {
        return run(subject, call, summary, System.out, System.err);
    }

    <T extends MessageOrBuilder> int run(String subject, Call<T> call, Function<T, String> summary, PrintStream out,
                                         PrintStream err) throws Exception {
        ManagedChannel channel = connection.open(subject);
        try {
            var stub = ClearingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                    .withMaxInboundMessageSize(MAX_MESSAGE).withMaxOutboundMessageSize(MAX_MESSAGE);
            T answer = call.call(stub);
            out.println(json ? JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence()
                    .print(answer) : summary.apply(answer));
            return 0;
        } catch (StatusRuntimeException e) {
            refused(e, err);
            return 1;
        } finally {
            channel.shutdownNow();
        }
    }

    static void refused(StatusRuntimeException e, PrintStream err) throws Exception {
        err.println(e.getStatus().getCode() + ": " + e.getStatus().getDescription());
        var details = io.grpc.protobuf.StatusProto.fromThrowable(e);
        if (details != null) {
            for (var any : details.getDetailsList()) {
                if (any.is(com.google.rpc.BadRequest.class)) {
                    for (var v : any.unpack(com.google.rpc.BadRequest.class).getFieldViolationsList()) {
                        err.println("  " + v.getField() + ": " + v.getDescription());
                    }
                }
            }
        }
    }
}
