package cn.onestop.json;

import cn.onestop.engine.FundPayment;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SetlInfo;
import cn.onestop.engine.Settlement;
import cn.onestop.engine.Step;
import cn.onestop.request.Accumulator;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a settlement with the national setlinfo names, as the case runner prints it. */
public final class SettlementJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SettlementJson() {
    }

    public static ObjectMapper mapper() {
        return JSON;
    }

    /** The setlinfo amounts, flags and warnings, rule versions, fund rows, accumulator delta and assumed parameters. */
    public static ObjectNode write(Settlement s, boolean explain) {
        ObjectNode o = JSON.createObjectNode();
        amounts(o, s.amounts());
        ArrayNode flags = o.putArray("flags");
        s.flags().forEach(f -> flags.add(f.name()));
        ArrayNode warnings = o.putArray("warnings");
        s.warnings().forEach(w -> warnings.add(w.name()));
        o.put("rule_version", s.ruleVersion());
        if (s.assistanceVersion() != null) {
            o.put("assistance_version", s.assistanceVersion());
        }
        ArrayNode funds = o.putArray("funds");
        for (FundPayment f : s.funds()) {
            funds.addObject().put("fund_type", f.fund().code()).put("fund", f.fund().name()).put("amount", f.amount());
        }
        ObjectNode delta = o.putObject("accumulator_delta");
        for (Map.Entry<Accumulator, Long> e : s.delta().nonZero().entrySet()) {
            delta.put(e.getKey().key(), e.getValue());
        }
        ArrayNode assumed = o.putArray("assumed_params");
        s.assumedParams().forEach(p -> assumed.add(p.name()));
        if (explain) {
            o.set("explanation", explanation(s.steps()));
        }
        return o;
    }

    /**
     * The explanation: one object per step with its field, rule, base, ratio and cap where it has
     * them, amount, clauses and parameters (name, value, source, basis).
     */
    public static ArrayNode explanation(List<Step> steps) {
        ArrayNode out = JSON.createArrayNode();
        for (Step st : steps) {
            ObjectNode n = out.addObject();
            n.put("field", st.field()).put("rule", st.rule()).put("base", st.base());
            if (st.ratioBp() != Step.NONE) {
                n.put("ratio_bp", st.ratioBp());
            }
            if (st.cap() != Step.NONE) {
                n.put("cap", st.cap());
            }
            n.put("amount", st.amount()).put("clauses", st.clauses());
            ArrayNode ps = n.putArray("params");
            for (Param p : st.params()) {
                ps.addObject().put("name", p.name()).put("value", p.value()).put("source", p.source())
                        .put("basis", p.basis().name().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    /** The steps {@link #explanation} wrote, exactly. */
    public static List<Step> readExplanation(JsonNode steps) {
        List<Step> out = new ArrayList<>(steps.size());
        for (JsonNode n : steps) {
            List<Param> params = new ArrayList<>(n.path("params").size());
            for (JsonNode p : n.path("params")) {
                params.add(new Param(p.get("name").asText(), p.get("value").asLong(), p.get("source").asText(),
                        Basis.valueOf(p.get("basis").asText().toUpperCase(Locale.ROOT))));
            }
            out.add(new Step(n.get("field").asText(), n.get("rule").asText(), n.get("base").asLong(),
                    n.has("ratio_bp") ? n.get("ratio_bp").asInt() : Step.NONE,
                    n.has("cap") ? n.get("cap").asLong() : Step.NONE, n.get("amount").asLong(), params));
        }
        return out;
    }

    /** A refusal as the case runner prints it: {@code {"error": CODE, "reason": …}}. */
    public static ObjectNode write(Outcome.Refused r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", r.code().name());
        o.put("reason", r.reason());
        if (!r.violations().isEmpty()) {
            ArrayNode v = o.putArray("field_violations");
            for (FieldViolation f : r.violations()) {
                v.addObject().put("field", f.field()).put("description", f.description());
            }
        }
        return o;
    }

    private static void amounts(ObjectNode o, SetlInfo a) {
        o.put("medfee_sumamt", a.medfeeSumamt());
        o.put("fulamt_ownpay_amt", a.fulamtOwnpayAmt());
        o.put("overlmt_selfpay", a.overlmtSelfpay());
        o.put("preselfpay_amt", a.preselfpayAmt());
        o.put("inscp_scp_amt", a.inscpScpAmt());
        o.put("act_pay_dedc", a.actPayDedc());
        o.put("hifp_pay", a.hifpPay());
        o.put("hifob_pay", a.hifobPay());
        o.put("hifmi_pay", a.hifmiPay());
        o.put("cvlserv_pay", a.cvlservPay());
        o.put("maf_pay", a.mafPay());
        o.put("fund_pay_sumamt", a.fundPaySumamt());
        o.put("acct_pay", a.acctPay());
        o.put("acct_mulaid_pay", a.acctMulaidPay());
        o.put("psn_cash_pay", a.psnCashPay());
        o.put("psn_part_amt", a.psnPartAmt());
        o.put("hosp_part_amt", a.hospPartAmt());
        o.put("balc", a.balc());
        o.put("meal_allowance", a.mealAllowance());
    }
}
