package cn.onestop.national;

import cn.onestop.engine.FundPayment;
import cn.onestop.engine.FundType;
import cn.onestop.engine.SetlInfo;
import cn.onestop.engine.Settlement;
import cn.onestop.engine.Step;
import cn.onestop.settle.SettlementRecord;
import cn.onestop.visits.VisitRecord;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Settlement output as the platform writes it: {@code setlinfo} with every amount the engine
 * computes, and one {@code setldetail} row per paying fund. A cancellation is the same with every
 * amount negated, as the platform answers one.
 */
final class Outputs {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Codes codes;
    private final ZoneId zone;

    Outputs(Codes codes, ZoneId zone) {
        this.codes = codes;
        this.zone = zone;
    }

    /** What the settlement is about beyond its record: the visit, the med_type, the areas. */
    record About(VisitRecord visit, String medType, String clrOptins) {
    }

    /** {@code setlinfo} and {@code setldetail} of a settlement ({@code sign} 1) or its cancellation (-1). */
    ObjectNode settlement(SettlementRecord r, About about, int sign, String setlId, Instant time) {
        return settlement(new Made(r.personId(), r.bill(), r.messageId(), r.ownDebit()), about, sign, setlId, time);
    }

    /** A split as the output names it: whose, which bill, under which message, what the account paid. */
    record Made(String personId, cn.onestop.settle.SettledBill bill, String messageId, long ownDebit) {
    }

    ObjectNode settlement(Made r, About about, int sign, String setlId, Instant time) {
        ObjectNode out = F.objectNode();
        out.set("setlinfo", setlinfo(r, about, sign, setlId, time));
        out.set("setldetail", setldetail(r.bill().split(), sign));
        return out;
    }

    private ObjectNode setlinfo(Made r, About about, int sign, String setlId, Instant time) {
        VisitRecord v = about.visit();
        SetlInfo a = r.bill().split().amounts();
        ObjectNode s = F.objectNode();
        s.put("mdtrt_id", v == null ? "" : v.mdtrtId());
        s.put("setl_id", setlId);
        s.put("psn_no", r.personId());
        s.put("psn_name", v == null ? "" : v.person().name());
        s.put("insutype", v == null ? "" : v.insutype());
        s.put("psn_type", v == null ? "" : codes.psnType(v.person().status()));
        s.put("cvlserv_flag", v != null && v.person().civilServant() ? "1" : "0");
        s.put("setl_time", Input.TIME.format(time.atZone(zone)));
        s.put("mdtrt_cert_type", v == null ? "" : "0" + v.credential().type());
        s.put("med_type", about.medType() == null ? "" : about.medType());
        amount(s, "medfee_sumamt", a.medfeeSumamt(), sign);
        amount(s, "fulamt_ownpay_amt", a.fulamtOwnpayAmt(), sign);
        amount(s, "overlmt_selfpay", a.overlmtSelfpay(), sign);
        amount(s, "preselfpay_amt", a.preselfpayAmt(), sign);
        amount(s, "inscp_scp_amt", a.inscpScpAmt(), sign);
        amount(s, "act_pay_dedc", a.actPayDedc(), sign);
        amount(s, "hifp_pay", a.hifpPay(), sign);
        amount(s, "cvlserv_pay", a.cvlservPay(), sign);
        amount(s, "hifes_pay", 0, sign);
        amount(s, "hifmi_pay", a.hifmiPay(), sign);
        amount(s, "hifob_pay", a.hifobPay(), sign);
        amount(s, "maf_pay", a.mafPay(), sign);
        amount(s, "oth_pay", 0, sign);
        amount(s, "fund_pay_sumamt", a.fundPaySumamt(), sign);
        amount(s, "psn_part_amt", a.psnPartAmt(), sign);
        amount(s, "acct_pay", a.acctPay(), sign);
        amount(s, "psn_cash_pay", a.psnCashPay(), sign);
        amount(s, "hosp_part_amt", a.hospPartAmt(), sign);
        // the balance after: a cancellation credits the account back what the settlement took
        s.put("balc", Yuan.text(sign > 0 ? a.balc() : a.balc() + r.ownDebit()));
        amount(s, "acct_mulaid_pay", a.acctMulaidPay(), sign);
        amount(s, "meal_allowance", a.mealAllowance(), sign);
        s.put("medins_setl_id", r.messageId());
        s.put("clr_optins", about.clrOptins() == null ? "" : about.clrOptins());
        s.put("clr_way", codes.clrWay(r.bill().split(), about));
        s.put("clr_type", codes.clrType(about));
        return s;
    }

    private static void amount(ObjectNode s, String field, long fen, int sign) {
        s.put(field, Yuan.text(sign * fen));
    }

    private ArrayNode setldetail(Settlement split, int sign) {
        ArrayNode rows = F.arrayNode();
        for (FundPayment f : split.funds()) {
            ObjectNode d = rows.addObject();
            d.put("fund_pay_type", f.fund().code());
            d.put("fund_pay_type_name", codes.fundName(f.fund().code()));
            d.put("inscp_scp_amt", Yuan.text(sign * split.amounts().inscpScpAmt()));
            d.put("crt_payb_lmt_amt", Yuan.text(sign * f.amount()));
            d.put("fund_payamt", Yuan.text(sign * f.amount()));
            d.put("setl_proc_info", process(split, field(f.fund())));
        }
        return rows;
    }

    /** The explanation of a fund's amount: the steps that made it, in order. */
    private static String process(Settlement split, String field) {
        List<String> parts = new ArrayList<>();
        for (Step s : split.steps()) {
            if (s.field().equals(field)) {
                parts.add(s.rule() + " → " + Yuan.text(s.amount()));
            }
        }
        return String.join("; ", parts);
    }

    private static String field(FundType f) {
        return switch (f) {
            case EMPLOYEE_POOL, RESIDENT_POOL -> "hifp_pay";
            case LARGE_AMOUNT -> "hifob_pay";
            case CRITICAL_ILLNESS -> "hifmi_pay";
            case CIVIL_SERVANT_SUBSIDY -> "cvlserv_pay";
            case MEDICAL_ASSISTANCE -> "maf_pay";
            case PERSONAL_ACCOUNT, FAMILY_ACCOUNT -> "acct_pay";
        };
    }
}
