package cn.onestop.rules;

import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * Line classification (POLICY §2): the 乙类 先行自付 share and, where the plan has them, the daily
 * bed caps (E §21).
 *
 * @param bedCapLevel3 ... bedCapMedicalCare null together when the plan states no bed cap
 */
public record LineRules(Param bPreselfpay, Param bedCapLevel3, Param bedCapLevel2, Param bedCapLevel1,
                        Param bedCapMedicalCare) {
    public LineRules {
        RATIO.check(bPreselfpay);
        AMOUNT.checkOptional(bedCapLevel3);
        AMOUNT.checkOptional(bedCapLevel2);
        AMOUNT.checkOptional(bedCapLevel1);
        AMOUNT.checkOptional(bedCapMedicalCare);
        boolean none = bedCapLevel3 == null && bedCapLevel2 == null && bedCapLevel1 == null
                && bedCapMedicalCare == null;
        boolean all = bedCapLevel3 != null && bedCapLevel2 != null && bedCapLevel1 != null
                && bedCapMedicalCare != null;
        if (!none && !all) {
            throw new IllegalArgumentException("bed caps come as a set: level3, level2, level1 and medical_care");
        }
    }

    public boolean hasBedCaps() {
        return bedCapLevel3 != null;
    }

    /** The daily bed cap for an institution level (level 0 counts as level 1, "一级及以下"). */
    public Param bedCap(int level, boolean medicalCare) {
        if (medicalCare) {
            return bedCapMedicalCare;
        }
        return switch (level) {
            case 3 -> bedCapLevel3;
            case 2 -> bedCapLevel2;
            default -> bedCapLevel1;
        };
    }
}
