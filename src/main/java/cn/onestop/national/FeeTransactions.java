package cn.onestop.national;

import cn.onestop.kernel.Result;
import cn.onestop.request.BillLine;
import cn.onestop.settle.FeeReview;
import cn.onestop.settle.Limits;
import cn.onestop.visits.FeeDetail;
import cn.onestop.visits.VisitRecord;
import cn.onestop.visits.Visits;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fee details: 2204 / 2301 upload (each line answered with its catalog class and shares), 2205 /
 * 2302 withdrawal.
 */
final class FeeTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    /** chrg_bchno / feedetl_sn that means "every detail of the visit". */
    private static final String ALL = "0000";

    private final Visits visits;
    private final Codes codes;
    private final Limits limits;

    FeeTransactions(Visits visits, Codes codes, Limits limits) {
        this.visits = visits;
        this.codes = codes;
        this.limits = limits;
    }

    void register(Map<String, Transaction> t) {
        t.put("2204", Transaction.changing(this::upload));
        t.put("2301", Transaction.changing(this::upload));
        t.put("2205", Transaction.changing(this::withdrawBatch));
        t.put("2302", Transaction.changing(this::withdrawLines));
    }

    private Outcome upload(Call c) {
        List<Input> lines = c.input.array("feedetail", true, limits.maxLines());
        String mdtrtId = null;
        List<FeeDetail> details = new ArrayList<>(lines.size());
        Set<String> sns = new HashSet<>();
        for (Input l : lines) {
            String id = l.key("mdtrt_id", true, Answers.ID, "a visit id (mdtrt_id)");
            if (id != null && mdtrtId != null && !id.equals(mdtrtId)) {
                l.refuse("mdtrt_id", "is " + id + ", but an upload is of one visit (" + mdtrtId + ")");
            }
            mdtrtId = mdtrtId == null ? id : mdtrtId;
            FeeDetail d = detail(l, c.envelope.msgid());
            if (d != null && !sns.add(d.sn())) {
                l.refuse("feedetl_sn", "repeats an earlier line's " + d.sn());
            }
            details.add(d);
        }
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        String visit = mdtrtId;
        Result<VisitRecord> v = visits.find(c.caller, visit);
        return Answers.written(v.flatMap(x -> visits.upload(c.caller, c.message(), visit, details,
                reviewed -> Answers.json(render(reviewed, details)))));
    }

    /** One fee detail line, or null (with its faults). */
    private FeeDetail detail(Input l, String msgid) {
        String sn = l.key("feedetl_sn", true, Answers.ID, "a fee detail serial number");
        l.key("psn_no", false, Answers.ID, "a person number");
        String code = l.text("med_list_codg", true, 50);
        String own = l.text("medins_list_codg", false, 150);
        Long pric = l.yuan("pric", true);
        Long cnt = l.count("cnt", true);
        Long sum = l.yuan("det_item_fee_sumamt", true);
        LocalDateTime at = l.time("fee_ocur_time", false);
        String batch = l.text("chrg_bchno", false, 30);
        String name = l.text("medins_list_name", false, 200);
        if (pric != null && cnt != null) {
            List<cn.onestop.kernel.FieldViolation> lim = new ArrayList<>();
            limits.line(lim, "", pric, cnt);
            lim.forEach(v -> l.refuse(v.field().equals(".unit_price") ? "pric" : "cnt", v.description()));
            if (sum != null && lim.isEmpty() && Math.multiplyHigh(pric, cnt) == 0 && pric * cnt != sum) {
                l.refuse("det_item_fee_sumamt", "is " + Yuan.text(sum) + ", but pric × cnt is "
                        + Yuan.text(pric * cnt));
            }
        }
        if (sn == null || code == null || pric == null || cnt == null || sum == null) {
            return null;
        }
        return new FeeDetail(sn, code, own, name, pric, cnt, sum, at, batch, msgid);
    }

    private ObjectNode render(FeeReview.Reviewed r, List<FeeDetail> details) {
        ObjectNode out = F.objectNode();
        ArrayNode result = out.putArray("result");
        for (int i = 0; i < details.size(); i++) {
            FeeDetail d = details.get(i);
            FeeReview.Line line = r.lines().get(i);
            BillLine b = line.classified();
            ObjectNode o = result.addObject();
            o.put("feedetl_sn", d.sn());
            o.put("det_item_fee_sumamt", Yuan.text(d.amount()));
            o.put("cnt", String.valueOf(d.qty()));
            o.put("pric", Yuan.text(d.unitPrice()));
            o.put("pric_uplmt_amt", b.priceLimit() == BillLine.NO_LIMIT ? "" : Yuan.text(b.priceLimit()));
            o.put("selfpay_prop", BigDecimal.valueOf(line.share().selfRatioBp(), 4).stripTrailingZeros()
                    .toPlainString());
            o.put("fulamt_ownpay_amt", Yuan.text(line.share().fulamtOwnpay()));
            o.put("overlmt_amt", Yuan.text(line.share().overlmtSelfpay()));
            o.put("preselfpay_amt", Yuan.text(line.share().preselfpay()));
            o.put("inscp_scp_amt", Yuan.text(line.share().inscp()));
            o.put("chrgitm_lv", codes.chrgitmLv(b.category()));
            o.put("med_chrgitm_type", "");
            o.put("bas_medn_flag", "0");
            o.put("hi_nego_drug_flag", "0");
            o.put("chld_medc_flag", "0");
            o.put("list_sp_item_flag", "0");
            o.put("lmt_used_flag", "0");
            o.put("drt_reim_flag", "0");
            String code = d.itemCode().strip().toUpperCase(java.util.Locale.ROOT);
            o.put("memo", r.catalogWarnings().contains("UNKNOWN_ITEM_CODE:" + code)
                    ? "not in the catalog in force: wholly own pay" : "");
        }
        return out;
    }

    /** 2205: a charge batch withdrawn, or every detail (chrg_bchno 0000). */
    private Outcome withdrawBatch(Call c) {
        Input in = c.input.object("data", true);
        String mdtrtId = in.key("mdtrt_id", true, Answers.ID, "a visit id (mdtrt_id)");
        String batch = in.text("chrg_bchno", true, 30);
        in.key("psn_no", false, Answers.ID, "a person number");
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.written(visits.withdraw(c.caller, c.message(), mdtrtId, null, ALL.equals(batch) ? null : batch,
                n -> Answers.json(F.objectNode())));
    }

    /** 2302: details withdrawn by serial number, or every detail (feedetl_sn 0000). */
    private Outcome withdrawLines(Call c) {
        List<Input> lines = c.input.array("data", true, limits.maxLines());
        String mdtrtId = null;
        List<String> sns = new ArrayList<>();
        boolean all = false;
        for (Input l : lines) {
            String id = l.key("mdtrt_id", true, Answers.ID, "a visit id (mdtrt_id)");
            if (id != null && mdtrtId != null && !id.equals(mdtrtId)) {
                l.refuse("mdtrt_id", "is " + id + ", but a withdrawal is of one visit (" + mdtrtId + ")");
            }
            mdtrtId = mdtrtId == null ? id : mdtrtId;
            String sn = l.key("feedetl_sn", true, Answers.ID, "a fee detail serial number");
            all |= ALL.equals(sn);
            sns.add(sn);
        }
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.written(visits.withdraw(c.caller, c.message(), mdtrtId, all ? null : sns, null,
                n -> Answers.json(F.objectNode())));
    }
}
