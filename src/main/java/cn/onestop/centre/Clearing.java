package cn.onestop.centre;

import cn.onestop.request.VisitType;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.Scheme;

import java.util.Map;
import java.util.Objects;

/**
 * What a settlement records for its clearing: the insured region {@code insuplc_admdvs}, the treating
 * region {@code mdtrtarea_admvs}, the clearing category, the clearing type {@code clr_type} and the
 * insurance type {@code insutype}.
 */
public record Clearing(AdminDivision insuredRegion, AdminDivision treatingRegion, ClearingCategory category,
                       ClearingType type, InsuranceType insuranceType) {
    public Clearing {
        Objects.requireNonNull(insuredRegion, "insuredRegion");
        Objects.requireNonNull(treatingRegion, "treatingRegion");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(insuranceType, "insuranceType");
    }

    /** The clearing of a settlement of a plan of {@code scheme}, made for a person insured in {@code insured}. */
    public static Clearing of(AdminDivision insured, AdminDivision treating, VisitType visit, Scheme scheme,
                              Map<String, String> poolingRegions) {
        return new Clearing(insured, treating, ClearingCategory.of(insured, treating, poolingRegions),
                ClearingType.of(visit), InsuranceType.of(scheme));
    }

    /** As {@link #of(AdminDivision, AdminDivision, VisitType, Scheme, Map)}, with the centre rules' pooling regions. */
    public static Clearing of(AdminDivision insured, AdminDivision treating, VisitType visit, Scheme scheme,
                              CentreRules centre) {
        return of(insured, treating, visit, scheme, centre == null ? Map.of() : centre.poolingRegionByRegion());
    }
}
