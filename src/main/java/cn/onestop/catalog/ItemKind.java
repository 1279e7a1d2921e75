package cn.onestop.catalog;

/** Which of the three catalogs (三目录) an item belongs to. */
public enum ItemKind {
    /** 药品目录: western, Chinese patent, TCM decoction pieces and Mongolian medicines. */
    DRUG,
    /** 医疗服务项目 (诊疗项目): examinations, treatments, operations, nursing. */
    SERVICE,
    /** 医疗服务设施: beds and the like. */
    FACILITY,
    /** 医用耗材: consumables, with their own self-pay ratio when partly covered. */
    CONSUMABLE
}
