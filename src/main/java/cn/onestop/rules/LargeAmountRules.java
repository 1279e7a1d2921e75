package cn.onestop.rules;

import cn.onestop.request.Filing;

import java.util.List;

/** Employee large-amount insurance (大额, E ch.3): ratio by filing, emergency ratio, annual cap. */
public record LargeAmountRules(List<Param> ratioByFiling, Param emergencyOutpatientRatio, Param annualCap) {
    static LargeAmountRules read(SectionReader r) {
        return new LargeAmountRules(FilingTable.read(r, "ratio_", "_bp", false),
                r.ratio("ratio_emergency_outpatient_bp"), r.amount("annual_cap"));
    }

    public Param ratio(Filing filing) {
        return ratioByFiling.get(filing.ordinal());
    }
}
