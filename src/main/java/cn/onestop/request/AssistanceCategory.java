package cn.onestop.request;

/** Medical-assistance categories (document A §5). */
public enum AssistanceCategory {
    /** 特困人员. */
    EXTREME_POVERTY,
    /** 低保对象. */
    SUBSISTENCE,
    /** 低保边缘家庭成员. */
    NEAR_SUBSISTENCE,
    /** 纳入监测范围的易返贫致贫人口. */
    AT_RISK,
    /** 因病致贫重病患者. */
    ILLNESS_POVERTY
}
