package cn.onestop.cli;

import cn.onestop.api.v1.AssistanceIdentity;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.PersonInfo;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person as a card: enrolment, plan and status, the year's accumulators and the account balance,
 * in Chinese or English. ID numbers and card numbers are masked but for their last four characters
 * (the gateway masks them; the card masks again whatever was not).
 */
final class PersonCard {
    private static final int WIDE = 48;
    private static final int LABEL = 24;
    /** The accumulators in the ledger's order, with their words; counts are not amounts. */
    private static final Map<String, String[]> ACCUMULATORS = new LinkedHashMap<>();

    static {
        add("admissions", "住院次数", "inpatient admissions");
        add("inpatient_inscp", "住院政策范围内费用", "inpatient expense in scope");
        add("pool_paid", "统筹基金已支付", "basic pool paid");
        add("large_paid", "大额医疗费用补助已支付", "large-amount fund paid");
        add("critical_base", "大病保险累计基数", "critical illness: base so far");
        add("critical_paid", "大病保险已支付", "critical illness paid");
        add("outpatient_deductible_met", "门诊统筹起付线已累计", "outpatient deductible met");
        add("outpatient_pool_paid", "门诊统筹已支付", "outpatient pooling paid");
        add("subsidy_outpatient_paid", "公务员门诊补助已支付", "civil-servant outpatient subsidy paid");
        add("subsidy_paid", "公务员医疗补助已支付", "civil-servant subsidy paid");
        add("care_outpatient_base", "医疗照顾门诊累计基数", "medical care outpatient: base so far");
        add("care_outpatient_paid", "医疗照顾门诊已支付", "medical care outpatient paid");
        add("observation_visits", "门诊观察已支付次数", "paid observation visits");
        add("observation_paid", "门诊观察已支付", "observation paid");
        add("injury_outpatient_paid", "意外伤害门诊已支付", "injury outpatient paid");
        add("assistance_deductible_met", "医疗救助起付线已累计", "assistance deductible met");
        add("assistance_paid", "医疗救助已支付", "medical assistance paid");
        add("personal_burden", "个人负担累计（监测）", "personal burden so far (monitoring)");
    }

    private static void add(String key, String zh, String en) {
        ACCUMULATORS.put(key, new String[] {zh, en});
    }

    private final Labels labels;
    private final Labels.Lang lang;
    private final StringBuilder out = new StringBuilder();

    PersonCard(Labels.Lang lang) {
        this.lang = lang;
        this.labels = new Labels(lang);
    }

    private String w(String zh, String en) {
        return lang == Labels.Lang.ZH ? zh : en;
    }

    String card(PersonInfo p) {
        line(labels.word("person") + " " + p.getPersonId() + "   " + p.getName());
        rule();
        field(labels.word("plan"), p.getPlan());
        field(labels.word("status"), status(p.getStatus()));
        field(w("参保登记日", "enrolled on"), date(p.getEnrolledOn()));
        field(w("待遇享受起始日", "benefits from"), date(p.getBenefitStart()));
        field(w("出生日期", "born"), date(p.getBirthDate()));
        field(w("公务员医疗补助", "civil-servant subsidy"), yes(p.getCivilServant()));
        field(w("医疗照顾人员", "medical care"), yes(p.getMedicalCare()));
        field(w("文革基残", "cr-disabled"), crDisabled(p.getCrDisabled()));
        field(w("欠缴", "in arrears"), yes(p.getArrears()));
        field(w("在校学生", "student"), yes(p.getStudent()));
        for (AssistanceIdentity a : p.getAssistanceList()) {
            field(labels.word("identities"), (a.getCategory() + "  " + a.getFrom() + " – " + a.getTo()).strip());
        }
        for (Credential c : p.getCredentialsList()) {
            field(labels.word("credentials"), credential(c));
        }
        rule();
        line(Receipt.pad(labels.word("balance"), WIDE) + String.format("%14s", Receipt.yuan(p.getAccountBalance())));
        line(labels.word("ytd") + w("（" + p.getYear() + " 年）：", " (" + p.getYear() + "):"));
        int shown = 0;
        for (Map.Entry<String, String[]> a : ACCUMULATORS.entrySet()) {
            long v = p.getAccumulatorsOrDefault(a.getKey(), 0);
            if (v != 0) {
                shown++;
                String label = "  " + a.getValue()[lang.ordinal()] + " " + a.getKey();
                line(Receipt.pad(label, WIDE) + String.format("%14s", count(a.getKey()) ? String.valueOf(v)
                        : Receipt.yuan(v)));
            }
        }
        if (shown == 0) {
            line("  " + w("均为 0（本年度尚无结算）", "all 0 (no settlement this year yet)"));
        }
        return out.toString();
    }

    private static boolean count(String key) {
        return key.equals("admissions") || key.equals("observation_visits");
    }

    private String status(String s) {
        return switch (s) {
            case "ACTIVE" -> w("在职", "active");
            case "RETIRED" -> w("退休", "retired");
            case "RESIDENT" -> w("城乡居民", "resident");
            case "OTHER_CHANNEL" -> w("其他渠道保障（不在本险种结算）", "paid through another channel (not settled here)");
            default -> s;
        } + " " + s;
    }

    private String crDisabled(String s) {
        return switch (s) {
            case "DISABLED" -> w("是", "yes") + " DISABLED";
            case "DISABLED_SENIOR" -> w("是（副厅级以上）", "yes (senior)") + " DISABLED_SENIOR";
            default -> w("否", "no");
        };
    }

    private String credential(Credential c) {
        String code = switch (c.getType()) {
            case E_VOUCHER -> w("01 医保电子凭证", "01 e-voucher");
            case ID_CARD -> w("02 居民身份证", "02 ID card");
            case SOCIAL_SECURITY_CARD -> w("03 社会保障卡", "03 social security card");
            default -> c.getType().name();
        };
        return code + "  " + masked(c.getValue());
    }

    /** All but the last four characters masked, unless the gateway masked it already. */
    static String masked(String value) {
        if (value.contains("*")) {
            return value;
        }
        int keep = Math.min(4, value.length());
        return "*".repeat(value.length() - keep) + value.substring(value.length() - keep);
    }

    private String yes(boolean b) {
        return b ? w("是", "yes") : w("否", "no");
    }

    private static String date(String d) {
        return d.isEmpty() ? "—" : d;
    }

    private void field(String label, String value) {
        line(Receipt.pad(label, LABEL) + value);
    }

    private void rule() {
        line("-".repeat(WIDE + 14));
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
