package cn.onestop.request;

/** Payment category of a bill line (POLICY §2). */
public enum Category {
    /** 甲类: fully in scope. */
    A,
    /** 乙类: a share is paid first by the person (先行自付). */
    B,
    /** Blood and protein products in rescue: as B (E §24). */
    BLOOD,
    /** Medical consumable with its own self-pay ratio. */
    CONSUMABLE,
    /** Bed fee, qty = days, capped per day. */
    BED,
    /** 丙类 / out of catalog: wholly own pay. */
    SELF,
    /** Not payable by the insurance at all (work injury, third party, abroad...). */
    EXCLUDED
}
