package cn.onestop.ledger;

import java.util.Objects;

/**
 * A validated Reverse: by settlement id (撤销) or by the original Settle's message id (冲正);
 * exactly one of the two is set.
 */
public record ReverseCommand(String institutionCode, String messageId, String settlementId,
                             String originalMessageId, String reason, byte[] requestHash) {
    public ReverseCommand {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(messageId, "messageId");
        if ((settlementId == null) == (originalMessageId == null)) {
            throw new IllegalArgumentException("name the settlement by id or by original message id, not both");
        }
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(requestHash, "requestHash");
    }
}
