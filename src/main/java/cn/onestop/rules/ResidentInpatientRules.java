package cn.onestop.rules;

import java.util.List;

import static cn.onestop.rules.ParamRange.ADJUSTMENT;
import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * Resident inpatient pool (R §20): deductible and ratio by level (index 0..2 for levels 1..3),
 * halved from the second admission, TCM uplift at TCM institutions.
 */
public record ResidentInpatientRules(List<Param> deductibleByLevel, Param repeatAdmission, List<Param> ratioByLevel,
                                     Param tcmUplift, Param tcmMax) {
    /** Institution levels 1..3. */
    public static final int LEVELS = 3;

    public ResidentInpatientRules {
        deductibleByLevel = AMOUNT.checkEach(deductibleByLevel, LEVELS);
        RATIO.check(repeatAdmission);
        ratioByLevel = RATIO.checkEach(ratioByLevel, LEVELS);
        ADJUSTMENT.check(tcmUplift);
        RATIO.check(tcmMax);
    }
}
