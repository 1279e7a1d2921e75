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

/**
 * The clearing commands' connection to a running gateway: address, deadline, and how an answer or a
 * refusal is printed — a summary in Chinese or English ({@code --lang}), amounts in yuan, or with
 * {@code --json} the answer in the API's JSON form (amounts in fen); a refusal as every gateway
 * command ends ({@link Refusals}), with the same exit statuses.
 */
final class Remote {
    /** Answers up to this size: a detail reconciliation lists every difference. */
    static final int MAX_MESSAGE = 256 * 1024 * 1024;

    @Mixin
    Connection connection;

    @Option(names = "--deadline-ms", paramLabel = "MS", description = "deadline of the call (default: ${DEFAULT-VALUE})")
    long deadlineMs = 120_000;

    @Option(names = "--json", description = "print the answer as JSON (the API's field names, amounts in fen)")
    boolean json;

    @Option(names = "--lang", paramLabel = "zh|en", description = "the summary's language (default: ${DEFAULT-VALUE})")
    String lang = "zh";

    interface Call<T extends MessageOrBuilder> {
        T call(ClearingServiceGrpc.ClearingServiceBlockingStub stub) throws Exception;
    }

    /** How an answer reads, in the words of {@code l}. */
    interface Summary<T> {
        String text(T answer, Labels l);
    }

    /**
     * Makes the call as the caller {@code --as}, {@code --cert} or {@code --token} names (a clearing
     * node, an administrator) and prints the answer; the exit status of {@link ClientCommand#exitStatus}.
     */
    <T extends MessageOrBuilder> int run(Call<T> call, Summary<T> summary) throws Exception {
        return run(null, call, summary, System.out, System.err);
    }

    /** As {@link #run(Call, Summary)}, by default as {@code subject} (the institution the command names). */
    <T extends MessageOrBuilder> int run(String subject, Call<T> call, Summary<T> summary) throws Exception {
        return run(subject, call, summary, System.out, System.err);
    }

    <T extends MessageOrBuilder> int run(String subject, Call<T> call, Summary<T> summary, PrintStream out,
                                         PrintStream err) throws Exception {
        Labels labels = new Labels(Labels.parse(lang));
        ManagedChannel channel = connection.open(subject);
        try {
            var stub = ClearingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                    .withMaxInboundMessageSize(MAX_MESSAGE).withMaxOutboundMessageSize(MAX_MESSAGE);
            T answer = call.call(stub);
            out.println(json ? JsonFormat.printer().preservingProtoFieldNames().alwaysPrintFieldsWithNoPresence()
                    .print(answer) : summary.text(answer, labels));
            return ClientCommand.DONE;
        } catch (StatusRuntimeException e) {
            return Refusals.report(e, err);
        } finally {
            channel.shutdownNow();
        }
    }

    /** A local input the command refuses before calling (a bad line of a file): exit status 2. */
    static int refusedHere(PrintStream err, String what, java.util.List<String> problems) {
        err.println("INVALID_ARGUMENT: " + what);
        problems.forEach(p -> err.println("  " + p));
        return ClientCommand.REFUSED;
    }
}
