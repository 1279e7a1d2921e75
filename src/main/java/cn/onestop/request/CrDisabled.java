package cn.onestop.request;

/** 文革基残 status (E §36, §37, §80). */
public enum CrDisabled {
    NONE,
    /** 文革基残人员. */
    DISABLED,
    /** 副厅级以上文革基残人员. */
    DISABLED_SENIOR
}
