package cn.onestop.request;

/**
 * The visit a bill belongs to.
 *
 * @param days length of an inpatient stay in days, 0 when not given (meal allowance, E §37)
 */
public record Visit(VisitType type, Filing filing, boolean useAccount, int days) {
    public Visit {
        Require.present(type, "type");
        Require.present(filing, "filing");
        Require.notNegative(days, "days");
    }
}
