package cn.onestop.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.AbstractStub;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.TimeUnit;

/**
 * The options of a command that calls a running gateway ({@link Connection}: address, identity,
 * TLS; and the call's deadline), and the one way such a command ends: done, or the gateway's
 * refusal on stderr with its exit status ({@link Refusals}).
 */
final class GatewayCall {
    @Mixin
    Connection connection;

    @Option(names = "--deadline-ms", paramLabel = "MS", description = "deadline of each call (default: ${DEFAULT-VALUE})")
    long deadlineMs = 10_000;

    /** What the command does over the channel; returns its exit status. */
    interface Work {
        int run(ManagedChannel channel) throws Exception;
    }

    /** Runs {@code work} on a channel presenting the certificate of {@code subject} (unless --as, --cert or --token). */
    int run(String subject, Work work) throws Exception {
        ManagedChannel channel = connection.open(subject);
        try {
            return work.run(channel);
        } catch (StatusRuntimeException e) {
            return Refusals.report(e, System.err);
        } finally {
            channel.shutdownNow();
        }
    }

    /** {@code stub} with this command's deadline, from now. */
    <S extends AbstractStub<S>> S deadline(S stub) {
        return stub.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS);
    }
}
