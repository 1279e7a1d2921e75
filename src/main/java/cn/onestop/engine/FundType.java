package cn.onestop.engine;

/** The national fund type codes (基金支付类型) of the settlement's fund detail rows. */
public enum FundType {
    /** 职工基本医疗保险统筹基金. */
    EMPLOYEE_POOL("310100"),
    /** 职工基本医疗保险个人账户. */
    PERSONAL_ACCOUNT("310200"),
    /** 职工个人账户家庭共济 (paid from a family member's account, W §4). */
    FAMILY_ACCOUNT("310200"),
    /** 公务员医疗补助. */
    CIVIL_SERVANT_SUBSIDY("320100"),
    /** 职工大额医疗费用补助. */
    LARGE_AMOUNT("330100"),
    /** 城乡居民基本医疗保险统筹基金. */
    RESIDENT_POOL("390100"),
    /** 城乡居民大病医疗保险. */
    CRITICAL_ILLNESS("390200"),
    /** 医疗救助. */
    MEDICAL_ASSISTANCE("610100");

    private final String code;

    FundType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
