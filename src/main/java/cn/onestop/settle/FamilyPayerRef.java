package cn.onestop.settle;

import cn.onestop.request.FamilyRelation;

import java.util.Objects;

/** The family member whose account pays under mutual aid (W §4), named by their credential. */
public record FamilyPayerRef(CredentialRef credential, FamilyRelation relation) {
    public FamilyPayerRef {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(relation, "relation");
    }
}
