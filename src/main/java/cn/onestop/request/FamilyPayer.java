package cn.onestop.request;

/** A family member's personal account that may pay for the patient (W §4 家庭共济). */
public record FamilyPayer(FamilyRelation relation, long balance) {
    public FamilyPayer {
        Require.present(relation, "relation");
        Require.notNegative(balance, "balance");
    }
}
