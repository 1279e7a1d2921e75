package cn.onestop.rules;

import java.util.Map;
import java.util.TreeMap;

import static cn.onestop.rules.ParamRange.ADMIN_DIVISION;
import static cn.onestop.rules.ParamRange.POOLING_REGION;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * Settlement with the insurance centre (E §50–§52, POLICY §11): the monthly advance on general
 * inpatient pool spending, the year-end sharing thresholds, each plan's insured region, and the
 * pooling region of an insured region that is not its own first four digits.
 *
 * @param inpatientAdvance E §50: plan code → the share of its general inpatient pool spending advanced with the
 *     month's statement (the rest is withheld until the year-end assessment); a plan not named is paid in full
 * @param floatBand E §52: the float around the budget or quota (1000 = 10%)
 * @param upperFloat E §52(二): where the shared overspend of a non-DIP institution ends (1500 = 15%)
 * @param overspendShare E §52: the hospital's share of a shared overspend (5000 = 50%)
 * @param rewardShare E §52(二): the share of a saving below the float given back as a reward (5000 = 50%)
 * @param assessment E §52(一): the centre's half of a DIP overspend, adjusted by assessment (10000 = all of it)
 * @param insuredRegions plan code → the 6-digit insured region (参保地) of its persons, unless enrolment says otherwise
 * @param poolingRegions 6-digit insured region → its 4-digit pooling region, where that is not the first
 *     four digits (159900 自治区本级 → 1501 Hohhot)
 */
public record CentreRules(Map<String, Param> inpatientAdvance, Param floatBand, Param upperFloat, Param overspendShare, Param rewardShare,
                          Param assessment, Map<String, Param> insuredRegions, Map<String, Param> poolingRegions) {
    public CentreRules {
        inpatientAdvance = checked(inpatientAdvance, RATIO);
        RATIO.check(floatBand);
        RATIO.check(upperFloat);
        RATIO.check(overspendShare);
        RATIO.check(rewardShare);
        RATIO.check(assessment);
        if (upperFloat.value() < floatBand.value()) {
            throw new IllegalArgumentException(upperFloat.name() + ": must not be below " + floatBand.name());
        }
        insuredRegions = checked(insuredRegions, ADMIN_DIVISION);
        poolingRegions = checked(poolingRegions, POOLING_REGION);
        for (String region : poolingRegions.keySet()) {
            if (!region.matches("\\d{6}")) {
                throw new IllegalArgumentException("pooling_regions: " + region + " is not a 6-digit region");
            }
        }
    }

    private static Map<String, Param> checked(Map<String, Param> params, ParamRange range) {
        Map<String, Param> out = new TreeMap<>();
        params.forEach((k, p) -> out.put(k, range.check(p)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The advance ratio on a plan's general inpatient pool spending (E §50), or null when it is paid in full. */
    public Param advance(String plan) {
        return inpatientAdvance.get(plan);
    }

    /** The insured region of a plan's persons as six digits, or null when the table names none for it. */
    public String insuredRegion(String plan) {
        Param p = insuredRegions.get(plan);
        return p == null ? null : Long.toString(p.value());
    }

    /** Every plan's insured region, six digits. */
    public Map<String, String> insuredRegionByPlan() {
        Map<String, String> out = new TreeMap<>();
        insuredRegions.forEach((plan, p) -> out.put(plan, Long.toString(p.value())));
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The pooling regions that are not the first four digits, six digits → four. */
    public Map<String, String> poolingRegionByRegion() {
        Map<String, String> out = new TreeMap<>();
        poolingRegions.forEach((region, p) -> out.put(region, Long.toString(p.value())));
        return java.util.Collections.unmodifiableMap(out);
    }
}
