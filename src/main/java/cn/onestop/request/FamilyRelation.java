package cn.onestop.request;

/** Relation of a family member whose account may pay (W §4 家庭共济). */
public enum FamilyRelation {
    SPOUSE, PARENT, CHILD
}
