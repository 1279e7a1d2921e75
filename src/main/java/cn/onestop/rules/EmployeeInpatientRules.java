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
    static EmployeeInpatientRules read(SectionReader r) {
        return new EmployeeInpatientRules(
                List.of(r.amount("deductible_first_g1"), r.amount("deductible_first_g2"), r.amount("deductible_first_g3")),
                List.of(r.amount("deductible_floor_g1"), r.amount("deductible_floor_g2"), r.amount("deductible_floor_g3")),
                r.ratio("deductible_step_bp"),
                r.amount("segment_boundary"),
                List.of(r.ratio("ratio_active_g1_seg1_bp"), r.ratio("ratio_active_g2_seg1_bp"), r.ratio("ratio_active_g3_seg1_bp")),
                List.of(r.ratio("ratio_active_g1_seg2_bp"), r.ratio("ratio_active_g2_seg2_bp"), r.ratio("ratio_active_g3_seg2_bp")),
                List.of(r.ratio("ratio_retired_g1_seg1_bp"), r.ratio("ratio_retired_g2_seg1_bp"), r.ratio("ratio_retired_g3_seg1_bp")),
                List.of(r.ratio("ratio_retired_g1_seg2_bp"), r.ratio("ratio_retired_g2_seg2_bp"), r.ratio("ratio_retired_g3_seg2_bp")),
                FilingTable.read(r, "filing_adj_", "_bp", true));
    }

    public Param filingAdjustment(Filing filing) {
        return filingAdjustment.get(filing.ordinal());
    }
}
