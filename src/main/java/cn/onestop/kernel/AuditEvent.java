package cn.onestop.kernel;

import java.util.Objects;

/**
 * One entry of the audit trail: who did what to which record, and how it ended. Written in the
 * transaction that did it.
 *
 * @param action e.g. {@code SETTLE}, {@code REVERSE}, {@code PUBLISH_RULES}
 * @param subject the record acted on: a settlement id, a rule version, a file
 * @param detail a sentence an auditor can read; identity numbers in it are masked
 */
public record AuditEvent(String action, String subject, String detail) {
    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        detail = detail == null ? "" : detail;
    }
}
