package cn.onestop.settle;

import cn.onestop.request.SettlementRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: settlement records, their fund rows and reversals. A record is written once; only its status
 * moves (to REVERSED, with the reversal's id).
 */
public interface Settlements {
    void insert(List<New> settlements);

    Optional<SettlementRecord> find(String settlementId);

    /** Those of the settlements that exist, in one look. */
    List<SettlementRecord> findAll(java.util.Collection<String> settlementIds);

    Optional<SettlementRecord> findByMessage(String institutionCode, String messageId);

    /** The settlement's record, its row locked for a reversal. */
    Optional<SettlementRecord> lockForReversal(String settlementId);

    /** Writes the reversals and marks each settlement REVERSED. */
    void reverse(List<Reversal> reversals);

    /** The settlement a reversal undid. */
    Optional<String> reversedBy(String reversalId);

    /** A page of an institution's settlements dated {@code from..to}, newest first, after the cursor. */
    List<SettlementRecord> page(String institutionCode, LocalDate from, LocalDate to, Optional<PageCursor> after,
                                int limit);

    /**
     * A settlement to write.
     *
     * @param cmd the request it answers
     * @param input the engine's input, kept so the split can be made again exactly
     */
    record New(SettlementRecord record, SettleCommand cmd, SettlementRequest input) {
        public New {
            Objects.requireNonNull(record, "record");
            Objects.requireNonNull(cmd, "cmd");
            Objects.requireNonNull(input, "input");
        }
    }

    /** A reversal to write: by whom, why, when. */
    record Reversal(String reversalId, String settlementId, String institutionCode, String messageId,
                    String reason, Instant at) {
        public Reversal {
            Objects.requireNonNull(reversalId, "reversalId");
            Objects.requireNonNull(settlementId, "settlementId");
            Objects.requireNonNull(at, "at");
            reason = reason == null ? "" : reason;
        }
    }
}
