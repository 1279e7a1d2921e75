package cn.onestop.grpc;

import cn.onestop.api.v1.EchoServiceGrpc;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.kernel.Result;
import io.grpc.stub.StreamObserver;

/**
 * The transport's own ceiling: answers a {@code SettleRequest} with itself, through the same
 * {@link Calls} as every call (the hand-off to a worker, the deadline check, the caller resolved),
 * so a use case measured beside it differs from it by the use case alone. Registered only when
 * {@code bench.echo} is on.
 */
final class EchoGrpcService extends EchoServiceGrpc.EchoServiceImplBase {
    private final Calls calls;

    EchoGrpcService(Calls calls) {
        this.calls = calls;
    }

    @Override
    public void echo(SettleRequest request, StreamObserver<SettleRequest> out) {
        calls.run("Echo", out, (caller, deadline) -> Result.ok(request));
    }
}
