package cn.onestop.api;

import cn.onestop.api.v1.ExplanationStep;
import cn.onestop.api.v1.FundPayment;
import cn.onestop.api.v1.RuleParam;
import cn.onestop.api.v1.SetlInfo;
import cn.onestop.api.v1.Settlement;
import cn.onestop.engine.Step;
import cn.onestop.rules.Param;

import java.time.LocalDate;
import java.util.Locale;

/** The engine's settlement as the API's message: national setlinfo names, fund rows, explanation. */
public final class SettlementMessages {
    private SettlementMessages() {
    }

    public static Settlement toProto(String plan, LocalDate settleDate, cn.onestop.engine.Settlement s) {
        cn.onestop.engine.SetlInfo a = s.amounts();
        Settlement.Builder b = Settlement.newBuilder()
                .setPlan(plan)
                .setSettleDate(settleDate.toString())
                .setRuleVersion(s.ruleVersion())
                .setAssistanceVersion(s.assistanceVersion() == null ? "" : s.assistanceVersion())
                .setAmounts(SetlInfo.newBuilder()
                        .setMedfeeSumamt(a.medfeeSumamt()).setFulamtOwnpayAmt(a.fulamtOwnpayAmt())
                        .setOverlmtSelfpay(a.overlmtSelfpay()).setPreselfpayAmt(a.preselfpayAmt())
                        .setInscpScpAmt(a.inscpScpAmt()).setActPayDedc(a.actPayDedc()).setHifpPay(a.hifpPay())
                        .setHifobPay(a.hifobPay()).setHifmiPay(a.hifmiPay()).setCvlservPay(a.cvlservPay())
                        .setMafPay(a.mafPay()).setFundPaySumamt(a.fundPaySumamt()).setAcctPay(a.acctPay())
                        .setAcctMulaidPay(a.acctMulaidPay()).setPsnCashPay(a.psnCashPay())
                        .setPsnPartAmt(a.psnPartAmt()).setHospPartAmt(a.hospPartAmt()).setBalc(a.balc())
                        .setMealAllowance(a.mealAllowance()));
        for (cn.onestop.engine.FundPayment f : s.funds()) {
            b.addFunds(FundPayment.newBuilder().setFundType(f.fund().code()).setFund(f.fund().name())
                    .setAmount(f.amount()));
        }
        s.delta().nonZero().forEach((k, v) -> b.putAccumulatorDelta(k.key(), v));
        s.flags().forEach(f -> b.addFlags(f.name()));
        s.warnings().forEach(w -> b.addWarnings(w.name()));
        s.assumedParams().forEach(p -> b.addAssumedParams(p.name()));
        for (Step st : s.steps()) {
            ExplanationStep.Builder e = ExplanationStep.newBuilder().setField(st.field()).setRule(st.rule())
                    .setBase(st.base()).setAmount(st.amount()).setClauses(st.clauses());
            if (st.ratioBp() != Step.NONE) {
                e.setRatioBp(st.ratioBp());
            }
            if (st.cap() != Step.NONE) {
                e.setCap(st.cap());
            }
            for (Param p : st.params()) {
                e.addParams(RuleParam.newBuilder().setName(p.name()).setValue(p.value()).setSource(p.source())
                        .setBasis(p.basis().name().toLowerCase(Locale.ROOT)));
            }
            b.addExplanation(e);
        }
        return b.build();
    }
}
