package cn.onestop.settle;

import java.util.Objects;

/**
 * A Reverse: by settlement id (撤销) or by the original Settle's message id (冲正); exactly one of
 * the two is set.
 *
 * @param legacyWireHash SHA-256 of the request as received over gRPC (see {@link RequestDigest}), or null
 */
public record ReverseCommand(String institutionCode, String messageId, String settlementId,
                             String originalMessageId, String reason, byte[] legacyWireHash) {
    public ReverseCommand {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(messageId, "messageId");
        if ((settlementId == null) == (originalMessageId == null)) {
            throw new IllegalArgumentException("name the settlement by id or by original message id, not both");
        }
        reason = reason == null ? "" : reason;
        legacyWireHash = legacyWireHash == null ? null : legacyWireHash.clone();
    }

    public RequestDigest digest() {
        return new RequestDigest(new RequestDigest.Canon("reverse.v1").put("institution", institutionCode)
                .put("message", messageId).put("settlement", settlementId).put("original_message", originalMessageId)
                .put("reason", reason).digest(), legacyWireHash);
    }

    /** The settlement as the caller names it, for messages. */
    String target() {
        return settlementId != null ? settlementId : "with message id " + originalMessageId;
    }
}
