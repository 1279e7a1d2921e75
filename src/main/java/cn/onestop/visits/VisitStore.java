package cn.onestop.visits;

import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Port: the visits of the national flow and their fee details. Each method is one transaction; the
 * conditional ones take the visit's row lock first, so an upload, a cancellation and a settlement
 * claim of one visit never interleave.
 */
public interface VisitStore {
    void insert(VisitRecord visit);

    Optional<VisitRecord> find(String mdtrtId);

    /** The visit a registration message made. */
    Optional<VisitRecord> openedBy(String institutionCode, String messageId);

    /** What a conditional write found. */
    enum Outcome { DONE, NOT_FOUND, WRONG_STATUS, SETTLING, DUPLICATE }

    /**
     * Moves the visit to {@code to} (with {@code end}, when not null) if it is in one of {@code from}
     * and no message settles it.
     */
    Outcome move(String mdtrtId, Collection<VisitStatus> from, VisitStatus to, LocalDateTime end);

    /** Marks the visit as settled by {@code messageId}, if no other message does; the same one again is DONE. */
    Outcome claim(String mdtrtId, String messageId);

    /** The settlement {@code messageId} made for the visit. */
    void settled(String mdtrtId, String messageId, String settlementId);

    /** Ends the claim of {@code messageId} (its settlement was refused, cancelled or reversed). */
    void release(String mdtrtId, String messageId);

    /** Ends every claim of {@code messageId} of the institution, whichever visit it is on. */
    void releaseAll(String institutionCode, String messageId);

    /** Adds fee details, if the visit is OPEN or DISCHARGED, unsettled, and no serial number is in use. */
    Outcome upload(String mdtrtId, List<FeeDetail> lines);

    /** The visit's fee details in force, in serial-number order of upload. */
    List<FeeDetail> details(String mdtrtId);

    /**
     * Withdraws fee details of an unsettled visit: those with the serial numbers given, those of a
     * charge batch, those uploaded by {@code uploadedBy}, or, when all three are null, all of them.
     */
    Outcome withdraw(String mdtrtId, Collection<String> sns, String batch, String uploadedBy);

    /** Replaces the visit's med_type, type and kept fields (2203), if it is open and unsettled. */
    Outcome describe(VisitRecord described);
}
