package cn.onestop.db.migration;

import cn.onestop.api.v1.ExplanationStep;
import cn.onestop.api.v1.FundPayment;
import cn.onestop.api.v1.RuleParam;
import cn.onestop.api.v1.SetlInfo;
import cn.onestop.api.v1.Settlement;
import cn.onestop.engine.Warning;
import cn.onestop.request.Accumulator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Carries the settlements of a version 0.1 ledger into the domain columns of V3: version 0.1 kept
 * each answer only as the bytes of the API's {@code onestop.v1.Settlement} message. This is the one
 * place outside the gRPC front that reads a generated message, because that is the format the old
 * rows are in. Every amount, the accumulator delta, flags, the engine's and the catalog's warnings,
 * the catalog version and the explanation are written to their columns, and each fund row gets its
 * place in the answer's order. Rows already carried over (with an explanation) are left alone.
 */
public class V4__Settlements_from_result_bytes extends BaseJavaMigration {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ENGINE_WARNINGS = names();

    @Override
    public void migrate(Context context) throws Exception {
        Connection c = context.getConnection();
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT settlement_id FROM settlements "
                + "WHERE explanation IS NULL AND result IS NOT NULL"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        for (String id : ids) {
            carry(c, id);
        }
    }

    private static void carry(Connection c, String id) throws SQLException {
        Settlement s;
        try (PreparedStatement ps = c.prepareStatement("SELECT result FROM settlements WHERE settlement_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                s = Settlement.parseFrom(rs.getBytes(1));
            }
        } catch (InvalidProtocolBufferException e) {
            throw new SQLException("settlement " + id + " has an unreadable result", e);
        }
        StringJoiner set = new StringJoiner(", ");
        for (String col : AMOUNTS) {
            set.add(col + " = ?");
        }
        for (Accumulator a : Accumulator.values()) {
            set.add("d_" + a.key() + " = ?");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE settlements SET " + set + ", flags = ?, warnings = ?, "
                + "catalog_warnings = ?, catalog_version = ?, explanation = ? WHERE settlement_id = ?")) {
            int i = 1;
            for (long v : amounts(s.getAmounts())) {
                ps.setLong(i++, v);
            }
            for (Accumulator a : Accumulator.values()) {
                ps.setLong(i++, s.getAccumulatorDeltaOrDefault(a.key(), 0));
            }
            ps.setString(i++, array(s.getFlagsList()));
            ps.setString(i++, array(s.getWarningsList().stream().filter(ENGINE_WARNINGS::contains).toList()));
            ps.setString(i++, array(s.getWarningsList().stream().filter(w -> !ENGINE_WARNINGS.contains(w)).toList()));
            ps.setString(i++, s.getCatalogVersion().isEmpty() ? null : s.getCatalogVersion());
            ps.setString(i++, explanation(s.getExplanationList()));
            ps.setString(i, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE settlement_funds SET seq = ? WHERE settlement_id = ? AND fund = ?")) {
            int seq = 0;
            for (FundPayment f : s.getFundsList()) {
                ps.setInt(1, seq++);
                ps.setString(2, id);
                ps.setString(3, f.getFund());
                ps.executeUpdate();
            }
        }
    }

    private static final List<String> AMOUNTS = List.of("medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay",
            "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "hifob_pay", "hifmi_pay", "cvlserv_pay",
            "maf_pay", "fund_pay_sumamt", "acct_pay", "acct_mulaid_pay", "psn_cash_pay", "psn_part_amt",
            "hosp_part_amt", "balc", "meal_allowance");

    private static long[] amounts(SetlInfo a) {
        return new long[] {a.getMedfeeSumamt(), a.getFulamtOwnpayAmt(), a.getOverlmtSelfpay(), a.getPreselfpayAmt(),
                a.getInscpScpAmt(), a.getActPayDedc(), a.getHifpPay(), a.getHifobPay(), a.getHifmiPay(),
                a.getCvlservPay(), a.getMafPay(), a.getFundPaySumamt(), a.getAcctPay(), a.getAcctMulaidPay(),
                a.getPsnCashPay(), a.getPsnPartAmt(), a.getHospPartAmt(), a.getBalc(), a.getMealAllowance()};
    }

    private static String array(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a.toString();
    }

    /** The explanation in the form the ledger writes it (see cn.onestop.json.SettlementJson#explanation). */
    private static String explanation(List<ExplanationStep> steps) {
        ArrayNode out = JSON.createArrayNode();
        for (ExplanationStep st : steps) {
            ObjectNode n = out.addObject();
            n.put("field", st.getField()).put("rule", st.getRule()).put("base", st.getBase());
            if (st.hasRatioBp()) {
                n.put("ratio_bp", st.getRatioBp());
            }
            if (st.hasCap()) {
                n.put("cap", st.getCap());
            }
            n.put("amount", st.getAmount()).put("clauses", st.getClauses());
            ArrayNode ps = n.putArray("params");
            for (RuleParam p : st.getParamsList()) {
                ps.addObject().put("name", p.getName()).put("value", p.getValue()).put("source", p.getSource())
                        .put("basis", p.getBasis());
            }
        }
        return out.toString();
    }

    private static Set<String> names() {
        Set<String> out = new java.util.HashSet<>();
        for (Warning w : EnumSet.allOf(Warning.class)) {
            out.add(w.name());
        }
        return Set.copyOf(out);
    }
}
