package cn.onestop.engine;

/**
 * Why a bill was not split. When several apply, the first in declaration order is reported
 * (POLICY §9).
 */
public enum Refusal {
    /** The request is malformed or does not fit the plan. */
    INVALID_ARGUMENT,
    /** No version of the plan's rules is in force on the settlement date. */
    NO_RULE_VERSION,
    /** The person is paid through another channel (E §36). */
    OTHER_FUNDING_CHANNEL,
    /** The plan's rules have no section for this visit type. */
    RULE_SECTION_MISSING,
    /** The person has no benefits on the settlement date (waiting period, R §11). */
    NOT_ELIGIBLE
}
