package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;

import java.util.Objects;

/** One row of the centre's totals for a range (3201): its insurance type × clearing type × clearing category. */
public record CentreTotal(InsuranceType insuranceType, ClearingType clearingType, ClearingCategory category,
                          Figures figures) {
    public CentreTotal {
        Objects.requireNonNull(insuranceType, "insuranceType");
        Objects.requireNonNull(clearingType, "clearingType");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(figures, "figures");
    }
}
