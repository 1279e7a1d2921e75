package cn.onestop.rules;

import cn.onestop.request.Filing;

import java.util.List;

import static cn.onestop.rules.ParamRange.ADJUSTMENT;
import static cn.onestop.rules.ParamRange.AMOUNT;
import static cn.onestop.rules.ParamRange.RATIO;

/**
 * Employee inpatient pool (E §20, §22, §23): deductible by grade group and admission number,
 * segmented ratios on the annual axis, filing adjustments. Groups are indexed 0..2 for G1..G3.
 */
public record EmployeeInpatientRules(List<Param> deductibleFirst, List<Param> deductibleFloor, Param deductibleStep,
                                     Param segmentBoundary, List<Param> ratioActiveSeg1, List<Param> ratioActiveSeg2,
                                     List<Param> ratioRetiredSeg1, List<Param> ratioRetiredSeg2,
                                     List<Param> filingAdjustment) {
    /** Grade groups G1..G3. */
    public static final int GROUPS = 3;

    public EmployeeInpatientRules {
        deductibleFirst = AMOUNT.checkEach(deductibleFirst, GROUPS);
        deductibleFloor = AMOUNT.checkEach(deductibleFloor, GROUPS);
        RATIO.check(deductibleStep);
        AMOUNT.check(segmentBoundary);
        ratioActiveSeg1 = RATIO.checkEach(ratioActiveSeg1, GROUPS);
        ratioActiveSeg2 = RATIO.checkEach(ratioActiveSeg2, GROUPS);
        ratioRetiredSeg1 = RATIO.checkEach(ratioRetiredSeg1, GROUPS);
        ratioRetiredSeg2 = RATIO.checkEach(ratioRetiredSeg2, GROUPS);
        filingAdjustment = ADJUSTMENT.checkEach(filingAdjustment, Filing.values().length);
    }

    public Param filingAdjustment(Filing filing) {
        return filingAdjustment.get(filing.ordinal());
    }
}
