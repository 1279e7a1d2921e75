package cn.onestop.request;

/** Off-site filing (异地就医备案) the visit was made under. */
public enum Filing {
    LOCAL,
    /** 跨省长期异地居住备案. */
    LONG_TERM_RESIDENCE,
    /** 跨省临时外出备案. */
    TEMPORARY_CROSS_PROVINCE,
    /** 区外出差、探亲突发疾病. */
    OUT_OF_REGION_TRIP
}
