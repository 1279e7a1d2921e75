package cn.onestop.visits;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: every national message that changes something, by (institution, msgid): what it was, how
 * far it got, and its answer. A message is PENDING from its first arrival until answered (DONE); a
 * 冲正 (2601) of a message voids it, so that it can never take effect afterwards.
 */
public interface MessageJournal {
    enum State { PENDING, DONE, VOIDED }

    /**
     * One message.
     *
     * @param digest the canonical fingerprint of what it asked
     * @param businessDate the gateway's date when it first arrived: a retry settles on the same date
     * @param mdtrtId the visit it concerned, or null
     * @param targetId what it made (a settlement, a reversal), or null
     * @param output its answer as first given (DONE), or null
     * @param voidedBy the 2601 message that voided it, or null
     */
    record Entry(String institutionCode, String messageId, String infno, byte[] digest, State state,
                 LocalDate businessDate, String mdtrtId, String targetId, String output, String voidedBy) {
        public Entry {
            Objects.requireNonNull(institutionCode, "institutionCode");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(infno, "infno");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(businessDate, "businessDate");
            digest = digest == null ? new byte[0] : digest.clone();
        }

        @Override
        public byte[] digest() {
            return digest.clone();
        }
    }

    /** The message, made PENDING now if it is new; as it stands if it is not. */
    Entry begin(String institutionCode, String messageId, String infno, byte[] digest, LocalDate today);

    Optional<Entry> find(String institutionCode, String messageId);

    /** PENDING → DONE with its answer; false when it was voided meanwhile (and nothing is written). */
    boolean finish(String institutionCode, String messageId, String mdtrtId, String targetId, String output);

    /** Forgets a PENDING message that did nothing (it was refused). */
    void abandon(String institutionCode, String messageId);

    /**
     * Voids a message for the 2601 {@code by}: a PENDING or DONE one becomes VOIDED (a retry of it is
     * then refused, a running one undoes itself), an unknown one is written VOIDED (under {@code
     * infno}) so that it can never arrive later; a VOIDED one is left as it is. Answers the entry as it
     * was before (empty: it was unknown).
     */
    Optional<Entry> voidMessage(String institutionCode, String messageId, String infno, String by, LocalDate today);
}
