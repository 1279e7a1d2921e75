package cn.onestop.rules;

import cn.onestop.request.Filing;

import java.util.List;

/**
 * Employee inpatient pool (E §20, §22, §23): deductible by grade group and admission number,
 * segmented ratios on the annual axis, filing adjustments. Groups are indexed 0..2 for G1..G3.
 */
public record EmployeeInpatientRules(List<Param> deductibleFirst, List<Param> deductibleFloor, Param deductibleStep,
                                     Param segmentBoundary, List<Param> ratioActiveSeg1, List<Param> ratioActiveSeg2,
                                     List<Param> ratioRetiredSeg1, List<Param> ratioRetiredSeg2,
                                     List<Param> filingAdjustment) {
    public Param filingAdjustment(Filing filing) {
        return filingAdjustment.get(filing.ordinal());
    }
}
