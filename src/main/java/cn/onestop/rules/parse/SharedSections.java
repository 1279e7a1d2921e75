package cn.onestop.rules.parse;

import cn.onestop.rules.LineRules;
import cn.onestop.rules.MutualAidRules;
import cn.onestop.rules.OtherChannelRules;
import cn.onestop.rules.OutpatientPoolingRules;
import cn.onestop.rules.Param;
import cn.onestop.rules.PharmacyRules;
import cn.onestop.rules.PoolRules;

/**
 * Readers of the sections a plan of either scheme may have: line classification, the pool's cap,
 * other funding channels, outpatient pooling, pharmacies and family mutual aid.
 */
final class SharedSections {
    private SharedSections() {
    }

    /** {@code lines}: the bed caps, where present, come as a set of four. */
    static LineRules lines(SectionReader r) {
        Param b = r.ratio("b_preselfpay_bp");
        Param l3 = r.optionalAmount("bed_cap_level3");
        Param l2 = r.optionalAmount("bed_cap_level2");
        Param l1 = r.optionalAmount("bed_cap_level1");
        Param care = r.optionalAmount("bed_cap_medical_care");
        int present = (l3 == null ? 0 : 1) + (l2 == null ? 0 : 1) + (l1 == null ? 0 : 1) + (care == null ? 0 : 1);
        if (present != 0 && present != 4) {
            throw r.fail("bed_cap_level3", "bed caps come as a set: level3, level2, level1 and medical_care");
        }
        return new LineRules(b, l3, l2, l1, care);
    }

    /** {@code pool}. */
    static PoolRules pool(SectionReader r) {
        return new PoolRules(r.amount("annual_cap"));
    }

    /** {@code other_funding_channel}. */
    static OtherChannelRules otherChannel(SectionReader r) {
        return new OtherChannelRules(r.flag("refused"));
    }

    /** {@code outpatient_pooling}. */
    static OutpatientPoolingRules outpatientPooling(SectionReader r) {
        return new OutpatientPoolingRules(r.amount("deductible"), r.ratio("ratio_level3_bp"),
                r.ratio("ratio_level2_and_below_bp"), r.adjustment("retired_bonus_bp"),
                r.amount("annual_cap_active"), r.amount("annual_cap_retired"), r.flag("requires_designation"));
    }

    /** {@code pharmacy}. */
    static PharmacyRules pharmacy(SectionReader r) {
        return new PharmacyRules(r.flag("dual_channel_pooling"));
    }

    /** {@code family_mutual_aid}. */
    static MutualAidRules mutualAid(SectionReader r) {
        return new MutualAidRules(r.flag("enabled"));
    }
}
