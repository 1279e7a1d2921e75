package cn.onestop.ledger;

import cn.onestop.centre.AdminDivision;
import cn.onestop.centre.Clearing;
import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.engine.Flag;
import cn.onestop.engine.FundPayment;
import cn.onestop.engine.SetlInfo;
import cn.onestop.engine.Settlement;
import cn.onestop.engine.Step;
import cn.onestop.engine.Warning;
import cn.onestop.json.SettlementJson;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.settle.SettledBill;
import cn.onestop.settle.SettlementRecord;
import cn.onestop.settle.SettlementStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** How a settlement sits in its row: the columns, and the record read back from them. */
final class SettlementColumns {
    /** The setlinfo amounts, in {@link SetlInfo}'s order. */
    static final List<String> AMOUNTS = List.of("medfee_sumamt", "fulamt_ownpay_amt", "overlmt_selfpay",
            "preselfpay_amt", "inscp_scp_amt", "act_pay_dedc", "hifp_pay", "hifob_pay", "hifmi_pay", "cvlserv_pay",
            "maf_pay", "fund_pay_sumamt", "acct_pay", "acct_mulaid_pay", "psn_cash_pay", "psn_part_amt",
            "hosp_part_amt", "balc", "meal_allowance");
    /** What a settlement records for its clearing (POLICY §11). */
    static final List<String> CLEARING = List.of("insuplc_admdvs", "mdtrtarea_admvs", "clr_category", "clr_type",
            "insutype");
    /** The accumulator delta, {@code d_<accumulator>}, in {@link Accumulator} order. */
    static final List<String> DELTAS;
    /** What a record is read from. */
    static final String SELECT;

    static {
        List<String> d = new ArrayList<>();
        for (Accumulator a : Accumulator.values()) {
            d.add("d_" + a.key());
        }
        DELTAS = List.copyOf(d);
        List<String> cols = new ArrayList<>(List.of("settlement_id", "institution_code", "message_id", "person_id",
                "status", "plan", "settle_date", "rule_version", "assistance_version", "own_account_debit",
                "family_person_id", "family_account_debit", "flags", "warnings", "catalog_warnings",
                "catalog_version", "explanation", "created_at", "reversal_id", "reversed_at"));
        cols.addAll(CLEARING);
        cols.addAll(AMOUNTS);
        cols.addAll(DELTAS);
        SELECT = String.join(", ", cols);
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private SettlementColumns() {
    }

    static long[] amounts(SetlInfo a) {
        return new long[] {a.medfeeSumamt(), a.fulamtOwnpayAmt(), a.overlmtSelfpay(), a.preselfpayAmt(),
                a.inscpScpAmt(), a.actPayDedc(), a.hifpPay(), a.hifobPay(), a.hifmiPay(), a.cvlservPay(), a.mafPay(),
                a.fundPaySumamt(), a.acctPay(), a.acctMulaidPay(), a.psnCashPay(), a.psnPartAmt(), a.hospPartAmt(),
                a.balc(), a.mealAllowance()};
    }

    static String json(List<String> values) {
        try {
            return SettlementJson.mapper().writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String explanation(List<Step> steps) {
        return SettlementJson.explanation(steps).toString();
    }

    private static List<String> strings(String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        try {
            return SettlementJson.mapper().readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new SQLException("unreadable list " + json, e);
        }
    }

    /** One selected row, before its fund rows are joined to it. */
    record Row(String id, String institutionCode, String messageId, String personId, SettlementStatus status,
               String plan, java.time.LocalDate settleDate, String ruleVersion, String assistanceVersion,
               long ownDebit, String familyPersonId, long familyDebit, List<Flag> flags, List<Warning> warnings,
               List<String> catalogWarnings, String catalogVersion, List<Step> steps, Instant createdAt,
               String reversalId, Instant reversedAt, SetlInfo amounts, Accumulators delta, Clearing clearing) {

        SettlementRecord record(List<FundPayment> funds) {
            Settlement split = new Settlement(ruleVersion, assistanceVersion, amounts, funds, delta,
                    amounts.acctMulaidPay(), flags, warnings, steps);
            return new SettlementRecord(id, institutionCode, messageId, personId, status,
                    new SettledBill(plan, settleDate, split, catalogWarnings, catalogVersion), createdAt, ownDebit,
                    familyPersonId, familyDebit, reversalId, reversedAt, clearing);
        }
    }

    static Row row(ResultSet rs) throws SQLException {
        long[] a = new long[AMOUNTS.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = rs.getLong(AMOUNTS.get(i));
        }
        SetlInfo amounts = new SetlInfo(a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11],
                a[12], a[13], a[14], a[15], a[16], a[17], a[18]);
        long[] d = new long[DELTAS.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = rs.getLong(DELTAS.get(i));
        }
        List<Step> steps;
        try {
            steps = SettlementJson.readExplanation(SettlementJson.mapper().readTree(rs.getString("explanation")));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new SQLException("settlement " + rs.getString("settlement_id") + ": unreadable explanation", e);
        }
        return new Row(rs.getString("settlement_id"), rs.getString("institution_code"), rs.getString("message_id"),
                rs.getString("person_id"), SettlementStatus.valueOf(rs.getString("status")), rs.getString("plan"),
                rs.getDate("settle_date").toLocalDate(), rs.getString("rule_version"),
                rs.getString("assistance_version"), rs.getLong("own_account_debit"), rs.getString("family_person_id"),
                rs.getLong("family_account_debit"), strings(rs.getString("flags")).stream().map(Flag::valueOf).toList(),
                strings(rs.getString("warnings")).stream().map(Warning::valueOf).toList(),
                strings(rs.getString("catalog_warnings")), rs.getString("catalog_version"), steps,
                instant(rs.getTimestamp("created_at")), rs.getString("reversal_id"),
                instant(rs.getTimestamp("reversed_at")), amounts, Accumulators.of(d), clearing(rs));
    }

    /** The clearing columns as the record's clearing. */
    static Clearing clearing(ResultSet rs) throws SQLException {
        String type = rs.getString("clr_type");
        String insutype = rs.getString("insutype");
        return new Clearing(new AdminDivision(rs.getString("insuplc_admdvs")),
                new AdminDivision(rs.getString("mdtrtarea_admvs")), ClearingCategory.valueOf(rs.getString("clr_category")),
                ClearingType.ofCode(type).orElseThrow(() -> new SQLException("unknown clr_type " + type)),
                InsuranceType.ofCode(insutype).orElseThrow(() -> new SQLException("unknown insutype " + insutype)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
