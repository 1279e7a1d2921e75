package cn.onestop.request;

/**
 * The year-to-date accumulators a settlement reads and moves, one row per person, plan and
 * year in the ledger. Amounts are fen; {@code ADMISSIONS} and {@code OBSERVATION_VISITS} are counts.
 */
public enum Accumulator {
    /** Inpatient admissions this year (deductible reduction, E §20, R §20). */
    ADMISSIONS("admissions"),
    /** Cumulative in-scope inpatient expense: the axis of the E §22 segments. */
    INPATIENT_INSCP("inpatient_inscp"),
    /** Basic pool payments (统筹基金), against the pool's annual cap. */
    POOL_PAID("pool_paid"),
    /** Employee large-amount payments (大额, E §40). */
    LARGE_PAID("large_paid"),
    /** Critical-illness cumulative base (大病, R §21). */
    CRITICAL_BASE("critical_base"),
    /** Critical-illness payments. */
    CRITICAL_PAID("critical_paid"),
    /** Outpatient-pooling deductible met (门诊统筹起付线). */
    OUTPATIENT_DEDUCTIBLE_MET("outpatient_deductible_met"),
    /** Outpatient-pooling payments, against the outpatient annual cap. */
    OUTPATIENT_POOL_PAID("outpatient_pool_paid"),
    /** Civil-servant outpatient subsidy payments (E §80.1(3)). */
    SUBSIDY_OUTPATIENT_PAID("subsidy_outpatient_paid"),
    /** All civil-servant subsidy payments this year (annual cap where a version has one, O 一(四)2). */
    SUBSIDY_PAID("subsidy_paid"),
    /** Medical-care outpatient cumulative base (E §80.1(2)). */
    CARE_OUTPATIENT_BASE("care_outpatient_base"),
    /** Medical-care outpatient payments. */
    CARE_OUTPATIENT_PAID("care_outpatient_paid"),
    /** Paid outpatient-observation visits (R §18). */
    OBSERVATION_VISITS("observation_visits"),
    /** Outpatient-observation payments. */
    OBSERVATION_PAID("observation_paid"),
    /** Student injury outpatient payments (R §25). */
    INJURY_OUTPATIENT_PAID("injury_outpatient_paid"),
    /** Medical-assistance annual deductible met (A). */
    ASSISTANCE_DEDUCTIBLE_MET("assistance_deductible_met"),
    /** Medical-assistance payments. */
    ASSISTANCE_PAID("assistance_paid"),
    /** Personal burden after insurance, before assistance (monitoring, A §8). */
    PERSONAL_BURDEN("personal_burden");

    private static final Accumulator[] ALL = values();
    private final String key;

    Accumulator(String key) {
        this.key = key;
    }

    /** The snake_case name used in JSON, the API and the ledger's columns. */
    public String key() {
        return key;
    }

    /** Every accumulator in declaration order; one shared array, never modified. */
    static Accumulator[] all() {
        return ALL;
    }

    public static Accumulator byKey(String key) {
        for (Accumulator a : ALL) {
            if (a.key.equals(key)) {
                return a;
            }
        }
        return null;
    }

    /** How many accumulators there are. */
    public static int count() {
        return ALL.length;
    }
}
