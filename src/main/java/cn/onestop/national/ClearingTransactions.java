package cn.onestop.national;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.clearing.CentreTotal;
import cn.onestop.clearing.ClearingApplication;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.clearing.Figures;
import cn.onestop.clearing.Months;
import cn.onestop.clearing.TotalsReconciliation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The clearing transactions of an institution over the clearing use cases: 3201 对总账 (the billing
 * system's totals against the ledger's), 3203 / 3204 清算申请 / 撤销. 3202 and 3260–3262 are in
 * {@link DetailTransactions} and {@link NodeTransactions}. Who may do what is the use cases' to decide.
 */
final class ClearingTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final Pattern APPLICATION_ID = Pattern.compile("A[0-9a-f]{10,40}");
    private static final int MAX_ROWS = 100;

    private final ClearingUseCases clearing;

    ClearingTransactions(ClearingUseCases clearing) {
        this.clearing = clearing;
    }

    void register(Map<String, Transaction> t) {
        t.put("3201", Transaction.changing(this::totals));
        t.put("3203", Transaction.changing(this::apply));
        t.put("3204", Transaction.changing(this::withdraw));
    }

    /** The range of a statement: stmt_begndate..stmt_enddate, every field at fault named. */
    record Range(LocalDate from, LocalDate to) {
        static Range of(Input in) {
            LocalDate from = in.date("stmt_begndate", true);
            LocalDate to = in.date("stmt_enddate", true);
            if (from != null && to != null && to.isBefore(from)) {
                in.refuse("stmt_enddate", "is " + to + ", before stmt_begndate " + from);
            }
            return new Range(from, to);
        }
    }

    /**
     * 3201: {@code data} one row or an array of rows, each {@code insutype}, {@code clr_type}, optional
     * {@code clr_category} (LOCAL unless named), {@code medfee_sumamt}, {@code fund_pay_sumamt},
     * {@code acct_pay} (yuan) and {@code fixmedins_setl_cnt}, over one {@code stmt_begndate..stmt_enddate}.
     */
    private Outcome totals(Call c) {
        List<Input> rows = c.input.array("data", true, MAX_ROWS);
        Range range = rows.isEmpty() ? null : Range.of(rows.get(0));
        List<CentreTotal> sent = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Input r = rows.get(i);
            if (i > 0) {
                Range other = Range.of(r);
                sameDay(r, "stmt_begndate", range.from(), other.from());
                sameDay(r, "stmt_enddate", range.to(), other.to());
            }
            CentreTotal row = row(r);
            if (row != null) {
                sent.add(row);
            }
        }
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.read(clearing.totals().reconcile(c.caller, c.institution(), range.from(), range.to(), sent),
                ClearingTransactions::totalsOut);
    }

    private static void sameDay(Input r, String field, LocalDate first, LocalDate here) {
        if (first != null && here != null && !first.equals(here)) {
            r.refuse(field, "is " + here + ", but the first row's is " + first + ": one range a message");
        }
    }

    private static CentreTotal row(Input r) {
        String insutype = r.text("insutype", true, 6);
        Optional<InsuranceType> it = insutype == null ? Optional.empty() : InsuranceType.ofCode(insutype);
        if (insutype != null && it.isEmpty()) {
            r.refuse("insutype", "must be 310 or 390, got \"" + insutype + "\"");
        }
        String clrType = r.text("clr_type", true, 6);
        Optional<ClearingType> ct = clrType == null ? Optional.empty() : ClearingType.ofCode(clrType);
        if (clrType != null && ct.isEmpty()) {
            r.refuse("clr_type", "must be 11, 21 or 41, got \"" + clrType + "\"");
        }
        ClearingCategory category = category(r);
        r.key("setl_optins", false, Envelope.ADMDVS, "a 6-digit admin-division code");
        Long medfee = r.yuan("medfee_sumamt", true);
        Long fund = r.yuan("fund_pay_sumamt", true);
        Long acct = r.yuan("acct_pay", true);
        Long count = r.has("fixmedins_setl_cnt") ? settlements(r) : null;
        if (count == null && !r.has("fixmedins_setl_cnt")) {
            r.refuse("fixmedins_setl_cnt", "is required");
        }
        if (it.isEmpty() || ct.isEmpty() || category == null || medfee == null || fund == null || acct == null
                || count == null) {
            return null;
        }
        return new CentreTotal(it.get(), ct.get(), category, new Figures(medfee, fund, acct, count));
    }

    private static ClearingCategory category(Input r) {
        String s = r.text("clr_category", false, 16);
        if (s == null) {
            return ClearingCategory.LOCAL;
        }
        try {
            return ClearingCategory.valueOf(s);
        } catch (IllegalArgumentException e) {
            r.refuse("clr_category", "must be LOCAL, IN_PROVINCE or CROSS_PROVINCE, got \"" + s + "\"");
            return null;
        }
    }

    /** fixmedins_setl_cnt: settlements less reversals, a whole number (it may be 0 or negative). */
    private static Long settlements(Input r) {
        String s = r.text("fixmedins_setl_cnt", true, 10);
        if (s == null) {
            return null;
        }
        if (!s.matches("-?[0-9]{1,9}")) {
            r.refuse("fixmedins_setl_cnt", "must be a whole number, got \"" + s + "\"");
            return null;
        }
        return Long.parseLong(s);
    }

    private static ObjectNode figures(ObjectNode o, Figures f) {
        o.put("medfee_sumamt", Yuan.text(f.medfeeSumamt()));
        o.put("fund_pay_sumamt", Yuan.text(f.fundPaySumamt()));
        o.put("acct_pay", Yuan.text(f.acctPay()));
        o.put("fixmedins_setl_cnt", Long.toString(f.count()));
        return o;
    }

    /** stmtinfo as public clients read it (stmt_rslt 0 balanced, 1 not), and every row compared. */
    static ObjectNode totalsOut(TotalsReconciliation t) {
        ObjectNode out = F.objectNode();
        ObjectNode info = out.putObject("stmtinfo");
        info.put("setl_optins", "");
        info.put("stmt_rslt", t.balanced() ? "0" : "1");
        List<String> why = new ArrayList<>();
        ArrayNode rows = out.putArray("stmtinfo_rows");
        for (TotalsReconciliation.Row r : t.rows()) {
            ObjectNode o = rows.addObject();
            o.put("insutype", r.insuranceType().code());
            o.put("clr_type", r.clearingType().code());
            o.put("clr_category", r.category().name());
            o.put("stmt_rslt", r.stmtRslt());
            o.put("stmt_rslt_dscr", r.description());
            figures(o.putObject("sent"), r.centre());
            figures(o.putObject("gateway"), r.here());
            if (!r.balanced()) {
                why.add(r.insuranceType().code() + "/" + r.clearingType().code() + "/" + r.category() + ": "
                        + r.description());
            }
        }
        info.put("stmt_rslt_dscr", why.isEmpty() ? "balanced" : String.join("; ", why));
        out.put("stmt_id", t.reconciliationId());
        out.put("complete", t.complete() ? "1" : "0");
        return out;
    }

    /** 3203: {@code data.clr_type}, {@code data.setlym} (yyyyMM); the figures answered are the ledger's. */
    private Outcome apply(Call c) {
        Input in = c.input.object("data", true);
        String clrType = in.text("clr_type", true, 6);
        YearMonth month = in.month("setlym", true);
        in.text("clr_way", false, 6);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.read(clearing.applications().apply(c.caller, c.institution(), clrType, month),
                ClearingTransactions::application);
    }

    /** 3204: {@code data.clr_appy_evt_id}, the id 3203 answered. */
    private Outcome withdraw(Call c) {
        Input in = c.input.object("data", true);
        String id = in.key("clr_appy_evt_id", true, APPLICATION_ID, "a clearing application id answered by 3203");
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.read(clearing.applications().withdraw(c.caller, id), ClearingTransactions::application);
    }

    static ObjectNode application(ClearingApplication a) {
        ObjectNode out = F.objectNode();
        ObjectNode o = out.putObject("result");
        o.put("clr_appy_evt_id", a.applicationId());
        o.put("fixmedins_code", a.institutionCode());
        o.put("clr_type", a.clearingType().code());
        o.put("setlym", Months.setlym(a.month()));
        o.put("status", a.status().name());
        o.put("psntime", Integer.toString(a.net()));
        o.put("setl_cnt", Integer.toString(a.settlements()));
        o.put("refd_cnt", Integer.toString(a.reversals()));
        o.put("medfee_sumamt", Yuan.text(a.medfeeSumamt()));
        o.put("fund_appy_sum", Yuan.text(a.fundAppySum()));
        o.put("acct_pay", Yuan.text(a.acctPay()));
        o.put("cash_payamt", Yuan.text(a.psnCashPay()));
        return out;
    }
}
