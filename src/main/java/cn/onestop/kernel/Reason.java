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
    /** The (institution, message id) was used before for a different request. */
    MESSAGE_ID_REUSED,
    /** A different rule version of the same plan and start date is already published. */
    RULE_VERSION_EXISTS,
    /** The rule version's effective range overlaps a published one, or changes the plan's scheme. */
    RULE_VERSION_CONFLICT,
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
