package cn.onestop.rules;

/**
 * Line classification (POLICY §2): the 乙类 先行自付 share and, where the plan has them, the daily
 * bed caps (E §21).
 *
 * @param bedCapLevel3 ... bedCapMedicalCare null together when the plan states no bed cap
 */
public record LineRules(Param bPreselfpay, Param bedCapLevel3, Param bedCapLevel2, Param bedCapLevel1,
                        Param bedCapMedicalCare) {
    static LineRules read(SectionReader r) {
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
