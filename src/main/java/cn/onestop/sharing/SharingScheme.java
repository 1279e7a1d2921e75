package cn.onestop.sharing;

/** How an institution's inpatient pool spending is budgeted (E §51). */
public enum SharingScheme {
    /** 按病种分值付费: a yearly budget (E §52(一)). */
    DIP,
    /** Not under DIP: a quota total from the per-stay quota (定额, E §52(二)). */
    QUOTA
}
