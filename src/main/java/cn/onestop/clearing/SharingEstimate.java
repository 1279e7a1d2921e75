package cn.onestop.clearing;

import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.RuleBook;
import cn.onestop.sharing.SharingResult;
import cn.onestop.sharing.SharingScheme;
import cn.onestop.sharing.SharingTerms;
import cn.onestop.sharing.YearEndSharing;

import java.time.LocalDate;
import java.util.function.Supplier;

/**
 * The year-end sharing estimate (E §52) of an institution's inpatient pool spending, with the centre
 * rules in force at the end of the year; the caller may give the assessment ratio it was rated with.
 */
public final class SharingEstimate {
    private final Supplier<RuleBook> rules;

    public SharingEstimate(Supplier<RuleBook> rules) {
        this.rules = rules;
    }

    /** @param assessmentBp the assessment ratio, or null for the rule table's */
    public Result<SharingResult> estimate(SharingScheme scheme, long budget, long actual, Integer assessmentBp,
                                          int year) {
        Result<SharingResult> bad = new Checks(null)
                .unless(scheme != null, "scheme", "must be DIP or QUOTA")
                .unless(budget >= 0 && budget <= YearEndSharing.MAX_AMOUNT, "budget",
                        "must be 0.." + YearEndSharing.MAX_AMOUNT + " fen, got " + budget)
                .unless(actual >= 0 && actual <= YearEndSharing.MAX_AMOUNT, "actual",
                        "must be 0.." + YearEndSharing.MAX_AMOUNT + " fen, got " + actual)
                .unless(assessmentBp == null || assessmentBp >= 0 && assessmentBp <= 10_000, "assessment_bp",
                        "must be a ratio in basis points, 0..10000, got " + assessmentBp)
                .unless(year >= 2000 && year <= 2100, "year", "must be a year 2000..2100, got " + year)
                .refusal();
        if (bad != null) {
            return bad;
        }
        CentreRules centre = rules.get().centre(LocalDate.of(year, 12, 31));
        if (centre == null) {
            return Result.failed(Reason.NO_RULE_VERSION, "no centre rules (E §52) are in force at the end of " + year);
        }
        SharingTerms terms = SharingTerms.of(centre);
        if (assessmentBp != null) {
            terms = terms.withAssessment(assessmentBp);
        }
        return Result.ok(YearEndSharing.share(scheme, budget, actual, terms));
    }
}
