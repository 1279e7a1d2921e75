package cn.onestop.request;

/** Kind of designated institution. */
public enum InstitutionKind {
    HOSPITAL,
    /** 苏木乡镇 / 社区 primary care. */
    PRIMARY,
    /** 定点零售药店. */
    PHARMACY
}
