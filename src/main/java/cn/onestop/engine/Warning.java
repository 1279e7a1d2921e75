package cn.onestop.engine;

/** Things the counter should see that do not stop the settlement. */
public enum Warning {
    /** An assistance person's out-of-catalog share is above the line (A §29). */
    OUT_OF_CATALOG_RATIO,
    /** The person holds an assistance category but no assistance rules are in force on the date. */
    ASSISTANCE_RULES_NOT_IN_FORCE,
    /** A family payer was named but the plan has no family mutual aid (W §4 is Wuhai's). */
    FAMILY_PAYER_NOT_APPLICABLE
}
