package cn.onestop.kernel;

/** Why the ledger did not do what was asked; each maps to one gRPC status and ErrorInfo reason. */
public enum Reason {
    INVALID_ARGUMENT,
    NO_RULE_VERSION,
    /** A bill has coded lines but no catalog version of the institution's region is in force on the date. */
    NO_CATALOG_VERSION,
    OTHER_FUNDING_CHANNEL,
    RULE_SECTION_MISSING,
    NOT_ELIGIBLE,
    PERSON_NOT_FOUND,
    INSTITUTION_NOT_FOUND,
    SETTLEMENT_NOT_FOUND,
    CREDENTIAL_MISMATCH,
    /** No identity, or one that is unknown, revoked or malformed (UNAUTHENTICATED). */
    UNAUTHENTICATED,
    /** The caller acts for another institution than the one the request names (PERMISSION_DENIED). */
    INSTITUTION_MISMATCH,
    /** The caller's role may not do this (PERMISSION_DENIED). */
    ROLE_NOT_PERMITTED,
    /** Too much is waiting: refused at once, nothing written; retry shortly (RESOURCE_EXHAUSTED). */
    OVERLOADED,
    /**
     * A sum the ledger would keep (a year-to-date accumulator plus this bill, an account plus a credit)
     * is beyond what it can hold: the bill is valid, the stored state makes it impossible (OUT_OF_RANGE).
     */
    AMOUNT_OUT_OF_RANGE,
    /** The (institution, message id) was used before for a different request. */
    MESSAGE_ID_REUSED,
    /** A different rule version of the same plan and start date is already published. */
    RULE_VERSION_EXISTS,
    /** The rule version's effective range overlaps a published one, or changes the plan's scheme. */
    RULE_VERSION_CONFLICT,
    /** The rule version would take effect on dates that already have settlements of its plan, and was not forced. */
    RULE_VERSION_RETROACTIVE,
    /** No visit (就诊, national mdtrt_id) of the caller's institution has this id. */
    VISIT_NOT_FOUND,
    /** The visit's state does not allow this: it is cancelled, settled, or being settled. */
    VISIT_STATE,
    /** The message was reversed (冲正, 2601) before it arrived or while it ran: it never takes effect. */
    MESSAGE_VOIDED,
    /** No file of the national file exchange (9101 / 9102) of the caller's institution has this number, or it expired. */
    FILE_NOT_FOUND,
    /** A day can be closed only once it is over (and the close's grace has passed). */
    DAY_NOT_OVER,
    /** A month's statement, extract confirmation or clearing application waits until the month is over. */
    MONTH_NOT_OVER,
    /** A clearing application needs a balanced totals reconciliation of its whole month. */
    NOT_RECONCILED,
    /** A clearing node asked to roll back a month it has not confirmed. */
    NOT_CONFIRMED,
    /** A clearing node asked for an insured region it does not serve. */
    REGION_NOT_SERVED,
    APPLICATION_NOT_FOUND,
    /** The centre accepted the clearing application: it can no longer be withdrawn. */
    APPLICATION_ACCEPTED,
    /** The clearing application was withdrawn: it can no longer be accepted. */
    APPLICATION_WITHDRAWN
}
