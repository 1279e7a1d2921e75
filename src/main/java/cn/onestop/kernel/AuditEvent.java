package cn.onestop.kernel;

import java.util.Objects;

/**
 * One entry of the audit trail: who did what to which record, and how it ended. Written in the
 * transaction that did it (a refused authentication on its own).
 *
 * @param actor the caller's subject, {@code anonymous} when nobody was authenticated
 * @param role the caller's role, or empty
 * @param action e.g. {@code SETTLE}, {@code REVERSE}, {@code PERSON_READ}, {@code PUBLISH_RULES}
 * @param subject the record acted on: a settlement id, a rule version, a file
 * @param outcome {@code OK}, or the refusal's reason
 * @param requestId the call's request id, or empty
 * @param detail a sentence an auditor can read; identity numbers in it are masked
 */
public record AuditEvent(String actor, String role, String action, String subject, String outcome, String requestId,
                         String detail) {
    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        role = role == null ? "" : role;
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        outcome = outcome == null ? "OK" : outcome;
        requestId = requestId == null ? "" : requestId;
        detail = detail == null ? "" : detail;
    }

    /** What {@code caller} did, successfully. */
    public static AuditEvent of(Caller caller, String action, String subject, String detail) {
        return new AuditEvent(caller.subject(), caller.role().name(), action, subject, "OK", caller.requestId(),
                detail);
    }

    /** A thing done at the server itself, not by a caller over the network. */
    public static AuditEvent local(String action, String subject, String detail) {
        return of(Caller.local("server"), action, subject, detail);
    }
}
