package cn.onestop.grpc;

import cn.onestop.api.v1.AssistanceIdentity;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.ExplanationStep;
import cn.onestop.api.v1.FundPayment;
import cn.onestop.api.v1.ListSettlementsResponse;
import cn.onestop.api.v1.PersonInfo;
import cn.onestop.api.v1.PreSettleResponse;
import cn.onestop.api.v1.ReverseResponse;
import cn.onestop.api.v1.RuleParam;
import cn.onestop.api.v1.SetlInfo;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.Settlement;
import cn.onestop.api.v1.SettlementRecord;
import cn.onestop.api.v1.SettlementStatus;
import cn.onestop.engine.Step;
import cn.onestop.request.Accumulator;
import cn.onestop.rules.Param;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.EnrolledPerson;
import cn.onestop.settle.PersonView;
import cn.onestop.settle.PreSettled;
import cn.onestop.settle.Reversed;
import cn.onestop.settle.SettledBill;
import cn.onestop.settle.Settled;
import cn.onestop.settle.SettlementPage;

import java.time.LocalDate;
import java.util.Locale;

/** The use cases' answers as the API's messages: national setlinfo names, fund rows, explanation. */
final class SettlementMessages {
    private SettlementMessages() {
    }

    /** A split bill: the engine's settlement, then the catalog's warnings and version. */
    static Settlement bill(SettledBill bill) {
        Settlement.Builder b = split(bill.plan(), bill.settleDate(), bill.split());
        b.addAllWarnings(bill.catalogWarnings());
        if (bill.catalogVersion() != null) {
            b.setCatalogVersion(bill.catalogVersion());
        }
        return b.build();
    }

    /** The engine's settlement alone. */
    static Settlement.Builder split(String plan, LocalDate settleDate, cn.onestop.engine.Settlement s) {
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
            b.addExplanation(step(st));
        }
        return b;
    }

    private static ExplanationStep step(Step st) {
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
        return e.build();
    }

    static SettlementRecord record(cn.onestop.settle.SettlementRecord r) {
        SettlementRecord.Builder b = SettlementRecord.newBuilder()
                .setSettlementId(r.settlementId())
                .setInstitutionCode(r.institutionCode())
                .setMessageId(r.messageId())
                .setPersonId(r.personId())
                .setStatus(SettlementStatus.valueOf(r.status().name()))
                .setSettlement(bill(r.bill()))
                .setCreatedAt(r.createdAt().toString())
                .setInsuplcAdmdvs(r.clearing().insuredRegion().code())
                .setMdtrtareaAdmvs(r.clearing().treatingRegion().code())
                .setClrCategory(r.clearing().category().name())
                .setClrType(r.clearing().type().code())
                .setInsutype(r.clearing().insuranceType().code());
        if (r.reversalId() != null) {
            b.setReversalId(r.reversalId());
            b.setReversedAt(r.reversedAt().toString());
        }
        return b.build();
    }

    static SettleResponse settled(Settled s) {
        return SettleResponse.newBuilder().setRecord(record(s.record())).setReplayed(s.replayed()).build();
    }

    static PreSettleResponse preSettled(PreSettled p) {
        return PreSettleResponse.newBuilder().setPersonId(p.personId()).setSettlement(bill(p.bill())).build();
    }

    static ReverseResponse reversed(Reversed r) {
        ReverseResponse.Builder b = ReverseResponse.newBuilder().setRecord(record(r.record()))
                .setReversalId(r.reversalId()).setAccountCredit(r.accountCredit())
                .setFamilyAccountCredit(r.familyAccountCredit()).setReplayed(r.replayed());
        r.delta().nonZero().forEach((k, v) -> b.putAccumulatorDelta(k.key(), v));
        return b.build();
    }

    static ListSettlementsResponse page(SettlementPage page) {
        ListSettlementsResponse.Builder b = ListSettlementsResponse.newBuilder();
        page.records().forEach(r -> b.addRecords(record(r)));
        page.next().ifPresent(c -> b.setNextPageToken(PageTokens.token(c)));
        return b.build();
    }

    static PersonInfo person(PersonView v) {
        EnrolledPerson p = v.person();
        PersonInfo.Builder b = PersonInfo.newBuilder().setPersonId(p.personId()).setName(p.name())
                .setPlan(p.plan()).setStatus(p.status().name()).setCivilServant(p.civilServant())
                .setMedicalCare(p.medicalCare()).setCrDisabled(p.crDisabled().name()).setArrears(p.arrears())
                .setStudent(p.student()).setYear(v.year()).setAccountBalance(v.accountBalance())
                .setInsuplcAdmdvs(p.insuredRegion().code());
        if (p.benefitStart() != null) {
            b.setBenefitStart(p.benefitStart().toString());
        }
        if (p.birthDate() != null) {
            b.setBirthDate(p.birthDate().toString());
        }
        if (p.enrolledOn() != null) {
            b.setEnrolledOn(p.enrolledOn().toString());
        }
        for (cn.onestop.request.AssistanceIdentity a : p.assistance()) {
            b.addAssistance(AssistanceIdentity.newBuilder().setCategory(a.category().name())
                    .setFrom(a.from().toString()).setTo(a.to() == null ? "" : a.to().toString()));
        }
        for (Accumulator a : Accumulator.values()) {
            b.putAccumulators(a.key(), v.ytd().get(a));
        }
        for (CredentialRef cr : p.credentials()) {
            b.addCredentials(Credential.newBuilder().setType(CredentialType.forNumber(cr.type()))
                    .setValue(cr.masked()));
        }
        return b.build();
    }
}
