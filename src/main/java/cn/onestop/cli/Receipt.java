package cn.onestop.cli;

import cn.onestop.api.v1.ExplanationStep;
import cn.onestop.api.v1.FundPayment;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.PreSettleResponse;
import cn.onestop.api.v1.ReverseResponse;
import cn.onestop.api.v1.RuleParam;
import cn.onestop.api.v1.SetlInfo;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.Settlement;
import cn.onestop.api.v1.SettlementRecord;
import cn.onestop.api.v1.SettlementStatus;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A settlement as a receipt a billing clerk reads at a glance: what each fund pays (its national
 * name and code), what the patient pays and from where, in yuan with two decimals, then how each
 * amount was computed (base, ratio, cap, clause) and every assumed parameter it used, marked so.
 */
final class Receipt {
    private static final int WIDE = 44;
    private final Labels l;
    private final StringBuilder out = new StringBuilder();

    Receipt(Labels labels) {
        this.l = labels;
    }

    /** Yuan with two decimals and thousands separators, from fen, exactly. */
    static String yuan(long fen) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(BigDecimal.valueOf(fen, 2));
    }

    static String percent(int bp) {
        return BigDecimal.valueOf(bp, 2).stripTrailingZeros().toPlainString() + "%";
    }

    String settled(SettleResponse r) {
        record(l.word("settlement"), r.getRecord());
        if (r.getReplayed()) {
            line("  * " + l.word("replayed"));
        }
        bill(r.getRecord().getSettlement());
        return out.toString();
    }

    String preSettled(PreSettleResponse r) {
        line(l.word("presettlement") + "   " + l.word("person") + " " + r.getPersonId());
        bill(r.getSettlement());
        return out.toString();
    }

    String settlement(SettlementRecord r) {
        record(l.word("settlement"), r);
        bill(r.getSettlement());
        return out.toString();
    }

    String reversed(ReverseResponse r) {
        line(l.word("reversal") + "  " + r.getReversalId() + (r.getReplayed() ? "   * " + l.word("replayed") : ""));
        record(l.word("settlement"), r.getRecord());
        amount(l.word("credited"), r.getAccountCredit());
        if (r.getFamilyAccountCredit() > 0) {
            amount(l.word("family_credited"), r.getFamilyAccountCredit());
        }
        if (!r.getAccumulatorDeltaMap().isEmpty()) {
            line(l.word("undone") + ":");
            new java.util.TreeMap<>(r.getAccumulatorDeltaMap()).forEach((k, v) -> line(pad("  " + k, WIDE)
                    + String.format("%14s", k.endsWith("visits") || k.equals("admissions") ? String.valueOf(v) : yuan(v))));
        }
        return out.toString();
    }

    String person(PersonInfo p) {
        line(l.word("person") + " " + p.getPersonId() + "   " + l.word("name") + " " + p.getName());
        line(l.word("plan") + " " + p.getPlan() + "   " + l.word("status") + " " + p.getStatus()
                + (p.getCivilServant() ? "   " + l.word("civil_servant") : "")
                + (p.getMedicalCare() ? "   " + l.word("medical_care") : "")
                + (p.getArrears() ? "   " + l.word("arrears") : ""));
        amount(l.word("balance"), p.getAccountBalance());
        if (p.getCredentialsCount() > 0) {
            StringBuilder sb = new StringBuilder(l.word("credentials") + ":");
            p.getCredentialsList().forEach(c -> sb.append("  ").append(c.getType()).append(' ').append(c.getValue()));
            line(sb.toString());
        }
        p.getAssistanceList().forEach(a -> line(l.word("identities") + ": " + a.getCategory() + " " + a.getFrom() + ".."
                + a.getTo()));
        line(l.word("ytd") + " (" + l.word("year") + " " + p.getYear() + "):");
        new java.util.TreeMap<>(p.getAccumulatorsMap()).forEach((k, v) -> {
            if (v != 0) {
                line("  " + pad(k, WIDE) + (k.endsWith("visits") || k.equals("admissions") ? String.valueOf(v)
                        : yuan(v)));
            }
        });
        return out.toString();
    }

    private void record(String title, SettlementRecord r) {
        line(title + "  " + r.getSettlementId() + (r.getStatus() == SettlementStatus.REVERSED
                ? "   (" + l.word("reversed") + " " + r.getReversalId() + ")" : ""));
        line(l.word("institution") + " " + r.getInstitutionCode() + "   " + l.word("message") + " "
                + r.getMessageId() + "   " + l.word("person") + " " + r.getPersonId());
    }

    private void bill(Settlement s) {
        SetlInfo a = s.getAmounts();
        line(l.word("date") + " " + s.getSettleDate() + "   " + l.word("rules") + " " + s.getRuleVersion()
                + (s.getAssistanceVersion().isEmpty() ? "" : "   " + l.word("assistance") + " " + s.getAssistanceVersion())
                + (s.getCatalogVersion().isEmpty() ? "" : "   " + l.word("catalog") + " " + s.getCatalogVersion()));
        rule();
        amount(l.word("medfee_sumamt") + " medfee_sumamt", a.getMedfeeSumamt());
        amount("  " + l.word("fulamt_ownpay_amt"), a.getFulamtOwnpayAmt());
        amount("  " + l.word("overlmt_selfpay"), a.getOverlmtSelfpay());
        amount("  " + l.word("preselfpay_amt"), a.getPreselfpayAmt());
        amount("  " + l.word("inscp_scp_amt"), a.getInscpScpAmt());
        amount("  " + l.word("act_pay_dedc"), a.getActPayDedc());
        line(l.word("funds") + ":");
        for (FundPayment f : s.getFundsList()) {
            if (!f.getFund().equals("PERSONAL_ACCOUNT") && !f.getFund().equals("FAMILY_ACCOUNT")) {
                amount("  " + l.fund(f.getFund()) + " " + f.getFundType(), f.getAmount());
            }
        }
        amount(l.word("fund_pay_sumamt") + " fund_pay_sumamt", a.getFundPaySumamt());
        line(l.word("patient") + ":");
        amount("  " + l.word("acct_pay"), a.getAcctPay());
        if (a.getAcctMulaidPay() > 0) {
            amount("    " + l.word("acct_mulaid_pay"), a.getAcctMulaidPay());
        }
        amount("  " + l.word("psn_cash_pay"), a.getPsnCashPay());
        amount(l.word("psn_part_amt") + " psn_part_amt", a.getPsnPartAmt());
        amount(l.word("balc") + " balc", a.getBalc());
        if (a.getMealAllowance() > 0) {
            amount(l.word("meal_allowance"), a.getMealAllowance());
        }
        if (s.getFlagsCount() > 0) {
            line(l.word("flags") + ": " + String.join(", ", s.getFlagsList()));
        }
        if (s.getWarningsCount() > 0) {
            line(l.word("warnings") + ": " + String.join(", ", s.getWarningsList()));
        }
        explanation(s);
    }

    private void explanation(Settlement s) {
        rule();
        line(l.word("explanation") + ":");
        line("  " + right(l.word("col_amount"), 12) + " " + right(l.word("col_base"), 14) + " "
                + right(l.word("col_ratio"), 8) + " " + right(l.word("col_cap"), 14) + "  "
                + pad(l.word("col_clause"), 14) + " " + l.word("col_rule"));
        Map<String, RuleParam> assumed = new LinkedHashMap<>();
        for (ExplanationStep st : s.getExplanationList()) {
            line(String.format("  %12s %14s %8s %14s  %-14s %s: %s", yuan(st.getAmount()), yuan(st.getBase()),
                    st.hasRatioBp() ? percent(st.getRatioBp()) : "", st.hasCap() ? yuan(st.getCap()) : "",
                    st.getClauses(), st.getField(), st.getRule()));
            for (RuleParam p : st.getParamsList()) {
                if (p.getBasis().equals("assumed")) {
                    assumed.putIfAbsent(p.getName(), p);
                }
            }
        }
        if (!assumed.isEmpty()) {
            line(l.word("assumed") + ":");
            assumed.values().forEach(p -> line("  " + p.getName() + " = " + p.getValue() + "   [assumed]"));
        }
    }

    private void amount(String label, long fen) {
        line(amountLine(label, fen));
    }

    /** One amount line as every receipt and summary prints it: the label, the yuan right-aligned. */
    static String amountLine(String label, long fen) {
        return pad(label, WIDE) + String.format("%14s", yuan(fen));
    }

    /** {@link #amountLine} and a line end onto {@code sb}. */
    static void row(StringBuilder sb, String label, long fen) {
        sb.append(amountLine(label, fen)).append('\n');
    }

    /** The rule between a receipt's parts. */
    static final String RULE = "-".repeat(WIDE + 14);

    private void rule() {
        line(RULE);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    /** Pads to {@code width} display columns, a CJK character counting two. */
    static String pad(String s, int width) {
        int w = width(s);
        return w >= width ? s + " " : s + " ".repeat(width - w);
    }

    /** Right-aligns in {@code width} display columns. */
    static String right(String s, int width) {
        int w = width(s);
        return w >= width ? s : " ".repeat(width - w) + s;
    }

    /** Display columns of {@code s}, a CJK character counting two. */
    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) >= 0x2E80 ? 2 : 1;
        }
        return w;
    }
}
