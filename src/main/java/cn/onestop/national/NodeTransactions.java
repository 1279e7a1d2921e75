package cn.onestop.national;

import cn.onestop.clearing.ClearingNode;
import cn.onestop.clearing.ClearingPage;
import cn.onestop.clearing.ClearingUseCases;
import cn.onestop.clearing.Confirmations;
import cn.onestop.clearing.Entry;
import cn.onestop.clearing.Months;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A clearing node's side of cross-region clearing (异地清分) over the clearing node use case: 3260 a
 * page of an insured region's month ({@code insuplc_admdvs}, {@code setlym}, {@code startrow}), 3261
 * confirms rows of it ({@code data[]}: {@code setl_id}, {@code fund_pay_sumamt}), 3262 rolls the
 * month's confirmation back. The caller is a clearing node; the regions it serves are its identity's.
 */
final class NodeTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final ClearingUseCases clearing;
    private final ZoneId zone;

    NodeTransactions(ClearingUseCases clearing, ZoneId zone) {
        this.clearing = clearing;
        this.zone = zone;
    }

    void register(Map<String, Transaction> t) {
        t.put("3260", Transaction.reading(this::list));
        t.put("3261", Transaction.changing(this::confirm));
        t.put("3262", Transaction.changing(this::rollback));
    }

    private record Month(String region, YearMonth month) {
        static Month of(Input in) {
            return new Month(in.key("insuplc_admdvs", true, Envelope.ADMDVS, "a 6-digit admin-division code"),
                    in.month("setlym", true));
        }
    }

    private Outcome list(Call c) {
        Input in = c.input.object("data", true);
        Month m = Month.of(in);
        Long start = in.has("startrow") ? in.count("startrow", true) : Long.valueOf(1);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.read(clearing.node().list(c.caller, m.region(), m.month(), (int) Math.min(start,
                Integer.MAX_VALUE)), this::page);
    }

    private ObjectNode page(ClearingPage p) {
        ObjectNode out = F.objectNode();
        out.put("insuplc_admdvs", p.region().code());
        out.put("setlym", Months.setlym(p.month()));
        out.put("recordCount", Integer.toString(p.total()));
        out.put("startrow", Integer.toString(p.startRow()));
        out.put("confirmed", Integer.toString(p.confirmed()));
        out.put("status", p.status().name());
        ArrayNode rows = out.putArray("data");
        for (ClearingPage.Row r : p.rows()) {
            Entry e = r.entry();
            ObjectNode o = rows.addObject();
            o.put("row", Integer.toString(r.row()));
            o.put("setl_id", e.setlId());
            o.put("mdtrt_id", e.mdtrtId());
            o.put("psn_no", e.personId());
            o.put("fixmedins_code", e.institutionCode());
            o.put("insuplc_admdvs", e.clearing().insuredRegion().code());
            o.put("mdtrtarea_admvs", e.clearing().treatingRegion().code());
            o.put("clr_type", e.clearing().type().code());
            o.put("insutype", e.clearing().insuranceType().code());
            o.put("setl_time", Input.TIME.format(e.at().atZone(zone)));
            o.put("refd_setl_flag", Integer.toString(e.refundFlag()));
            o.put("medfee_sumamt", Yuan.text(e.medfeeSumamt()));
            o.put("fund_pay_sumamt", Yuan.text(e.fundPaySumamt()));
            o.put("acct_pay", Yuan.text(e.acctPay()));
            o.put("psn_cash_pay", Yuan.text(e.psnCashPay()));
            o.put("confirmed", r.confirmed() ? "1" : "0");
        }
        return out;
    }

    private Outcome confirm(Call c) {
        Input in = c.input.object("data", true);
        Month m = Month.of(in);
        List<Confirmations.RowConfirmation> rows = new ArrayList<>();
        for (Input r : in.array("detail", true, 10_000)) {
            String setlId = r.key("setl_id", true, Answers.ID, "a settlement id (setl_id) of the extract");
            Long fund = r.yuan("fund_pay_sumamt", true);
            if (setlId != null && fund != null) {
                rows.add(new Confirmations.RowConfirmation(setlId, fund));
            }
        }
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.read(clearing.node().confirm(c.caller, m.region(), m.month(), rows), NodeTransactions::confirmed);
    }

    private static ObjectNode confirmed(ClearingNode.Confirmed x) {
        ObjectNode out = F.objectNode();
        out.put("insuplc_admdvs", x.region().code());
        out.put("setlym", Months.setlym(x.month()));
        out.put("recordCount", Integer.toString(x.total()));
        out.put("confirmed_now", Integer.toString(x.confirmedNow()));
        out.put("confirmed", Integer.toString(x.confirmed()));
        out.put("status", x.status().name());
        return out;
    }

    private Outcome rollback(Call c) {
        Input in = c.input.object("data", true);
        Month m = Month.of(in);
        String reason = in.text("memo", false, 500);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.read(clearing.node().rollback(c.caller, m.region(), m.month(), reason), n -> {
            ObjectNode out = F.objectNode();
            out.put("insuplc_admdvs", m.region());
            out.put("setlym", Months.setlym(m.month()));
            out.put("rolled_back", Integer.toString(n));
            return out;
        });
    }
}
