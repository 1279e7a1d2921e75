package cn.onestop.cli;

import java.util.Locale;
import java.util.Map;

/** The words of a receipt, in Chinese (the default) or English. */
final class Labels {
    enum Lang { ZH, EN }

    private final Lang lang;

    Labels(Lang lang) {
        this.lang = lang;
    }

    static Lang parse(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "zh", "zh-cn", "cn" -> Lang.ZH;
            case "en", "en-us", "en-gb" -> Lang.EN;
            default -> throw new IllegalArgumentException("--lang: zh or en, got " + s);
        };
    }

    private static final Map<String, String[]> WORDS = Map.ofEntries(
            Map.entry("settlement", new String[] {"结算单", "Settlement"}),
            Map.entry("presettlement", new String[] {"试算单（未结算，未扣费）", "Pre-settlement (nothing settled or charged)"}),
            Map.entry("reversal", new String[] {"撤销单", "Reversal"}),
            Map.entry("replayed", new String[] {"重复请求：按首次结果答复，未再扣费", "a retry: answered as first answered, "
                    + "nothing charged again"}),
            Map.entry("reversed", new String[] {"已撤销", "reversed"}),
            Map.entry("institution", new String[] {"机构", "institution"}),
            Map.entry("message", new String[] {"消息", "message"}),
            Map.entry("person", new String[] {"人员", "person"}),
            Map.entry("date", new String[] {"结算日期", "settle date"}),
            Map.entry("rules", new String[] {"规则版本", "rule version"}),
            Map.entry("assistance", new String[] {"医疗救助规则", "assistance rules"}),
            Map.entry("catalog", new String[] {"目录版本", "catalog version"}),
            Map.entry("medfee_sumamt", new String[] {"医疗费总额", "total bill"}),
            Map.entry("fulamt_ownpay_amt", new String[] {"全自费", "out of catalog (own pay)"}),
            Map.entry("overlmt_selfpay", new String[] {"超限价自付", "over the limit (own pay)"}),
            Map.entry("preselfpay_amt", new String[] {"先行自付", "paid first by the patient"}),
            Map.entry("inscp_scp_amt", new String[] {"符合政策范围", "in scope"}),
            Map.entry("act_pay_dedc", new String[] {"起付线", "deductible"}),
            Map.entry("funds", new String[] {"基金支付", "Funds pay"}),
            Map.entry("fund_pay_sumamt", new String[] {"基金支付合计", "funds in all"}),
            Map.entry("patient", new String[] {"个人负担", "The patient pays"}),
            Map.entry("acct_pay", new String[] {"个人账户支付", "from the personal account"}),
            Map.entry("acct_mulaid_pay", new String[] {"其中家庭共济", "of which a family member's account"}),
            Map.entry("balc", new String[] {"账户余额", "account balance after"}),
            Map.entry("psn_cash_pay", new String[] {"现金支付", "in cash"}),
            Map.entry("psn_part_amt", new String[] {"个人负担合计", "the patient in all"}),
            Map.entry("meal_allowance", new String[] {"伙食补助（不在账单内）", "meal allowance (outside the bill)"}),
            Map.entry("flags", new String[] {"监测标记", "monitoring flags"}),
            Map.entry("warnings", new String[] {"提示", "warnings"}),
            Map.entry("explanation", new String[] {"计算说明", "How it was computed"}),
            Map.entry("col_amount", new String[] {"金额", "amount"}),
            Map.entry("col_base", new String[] {"基数", "base"}),
            Map.entry("col_ratio", new String[] {"比例", "ratio"}),
            Map.entry("col_cap", new String[] {"封顶/限额", "cap"}),
            Map.entry("col_clause", new String[] {"依据", "clause"}),
            Map.entry("col_rule", new String[] {"项目 / 规则", "field / rule"}),
            Map.entry("assumed", new String[] {"假设参数（样例数值，非政策）", "Assumed parameters (sample numbers, not policy)"}),
            Map.entry("reversal_id", new String[] {"撤销号", "reversal id"}),
            Map.entry("credited", new String[] {"退回个人账户", "credited back to the account"}),
            Map.entry("family_credited", new String[] {"退回家庭共济账户", "credited back to the family account"}),
            Map.entry("undone", new String[] {"累计值回退", "year-to-date undone"}),
            Map.entry("name", new String[] {"姓名", "name"}),
            Map.entry("plan", new String[] {"险种方案", "plan"}),
            Map.entry("status", new String[] {"人员状态", "status"}),
            Map.entry("year", new String[] {"年度", "year"}),
            Map.entry("balance", new String[] {"个人账户余额", "personal account balance"}),
            Map.entry("credentials", new String[] {"凭证", "credentials"}),
            Map.entry("identities", new String[] {"救助身份", "assistance identities"}),
            Map.entry("ytd", new String[] {"本年度累计", "this year so far"}),
            Map.entry("yes", new String[] {"是", "yes"}),
            Map.entry("no", new String[] {"否", "no"}),
            Map.entry("civil_servant", new String[] {"公务员补助", "civil-servant subsidy"}),
            Map.entry("medical_care", new String[] {"医疗照顾", "medical care"}),
            Map.entry("arrears", new String[] {"欠缴", "in arrears"}));

    private static final Map<String, String[]> FUNDS = Map.of(
            "EMPLOYEE_POOL", new String[] {"职工基本医疗保险统筹基金", "employee basic pool"},
            "PERSONAL_ACCOUNT", new String[] {"职工个人账户", "personal account"},
            "FAMILY_ACCOUNT", new String[] {"职工个人账户家庭共济", "family member's account"},
            "CIVIL_SERVANT_SUBSIDY", new String[] {"公务员医疗补助", "civil-servant subsidy"},
            "LARGE_AMOUNT", new String[] {"职工大额医疗费用补助", "employee large-amount fund"},
            "RESIDENT_POOL", new String[] {"城乡居民基本医疗保险统筹基金", "resident basic pool"},
            "CRITICAL_ILLNESS", new String[] {"城乡居民大病医疗保险", "resident critical-illness insurance"},
            "MEDICAL_ASSISTANCE", new String[] {"医疗救助", "medical assistance"});

    /** {@code zh} or {@code en}, as this language is. */
    String w(String zh, String en) {
        return lang == Lang.ZH ? zh : en;
    }

    String word(String key) {
        String[] w = WORDS.get(key);
        return w == null ? key : w[lang.ordinal()];
    }

    /** A fund's national name by its national code (310100 …), the code itself when unknown. */
    String fundByCode(String code) {
        for (cn.onestop.engine.FundType f : cn.onestop.engine.FundType.values()) {
            if (f.code().equals(code)) {
                return fund(f.name());
            }
        }
        return code;
    }

    /** A fund's national name, e.g. 统筹基金; its code is printed beside it. */
    String fund(String fund) {
        String[] w = FUNDS.get(fund);
        return w == null ? fund : w[lang.ordinal()];
    }
}
