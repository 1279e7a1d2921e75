package cn.onestop.grpc;

import java.time.Duration;

/**
 * How one call ended, as the call log writes it, for whoever counts calls (the metrics).
 *
 * @param service the API service, e.g. {@code onestop.v1.SettlementService}
 * @param method the method, e.g. {@code Settle}
 * @param code the gRPC status code's name, {@code OK} for an answer
 * @param reason the refusal's {@code google.rpc.ErrorInfo} reason, empty for an answer or a status without one
 */
public record CallOutcome(String service, String method, String code, String reason, Duration took) {
    public boolean ok() {
        return "OK".equals(code);
    }
}
