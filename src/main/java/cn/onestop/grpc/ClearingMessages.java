package cn.onestop.grpc;

import cn.onestop.api.v1.CentreTotal;
import cn.onestop.api.v1.ClearingApplication;
import cn.onestop.api.v1.ClearingConfirmation;
import cn.onestop.api.v1.ClearingPage;
import cn.onestop.api.v1.ClearingRow;
import cn.onestop.api.v1.CloseGroup;
import cn.onestop.api.v1.DayClose;
import cn.onestop.api.v1.DetailAmounts;
import cn.onestop.api.v1.DetailDifference;
import cn.onestop.api.v1.DetailReconciliation;
import cn.onestop.api.v1.FundAmount;
import cn.onestop.api.v1.FundTotal;
import cn.onestop.api.v1.RuleParam;
import cn.onestop.api.v1.SharingEstimate;
import cn.onestop.api.v1.Statement;
import cn.onestop.api.v1.StatementAdvance;
import cn.onestop.api.v1.TotalsReconciliation;
import cn.onestop.api.v1.TotalsRow;
import cn.onestop.clearing.ClearingNode;
import cn.onestop.clearing.Difference;
import cn.onestop.clearing.Entry;
import cn.onestop.clearing.Figures;
import cn.onestop.clearing.MonthStatement;
import cn.onestop.clearing.Months;
import cn.onestop.clearing.StatementCsv;
import cn.onestop.rules.Param;
import cn.onestop.sharing.SharingResult;

import java.time.Instant;
import java.util.Locale;

/** The clearing use cases' answers as the API's messages. */
final class ClearingMessages {
    private ClearingMessages() {
    }

    private static FundTotal fund(cn.onestop.clearing.FundTotal t) {
        return FundTotal.newBuilder().setFundType(t.fundType()).setCount(t.count()).setAmount(t.amount()).build();
    }

    private static String at(Instant i) {
        return i == null ? "" : i.toString();
    }

    static DayClose dayClose(cn.onestop.clearing.DayClose d) {
        DayClose.Builder b = DayClose.newBuilder().setInstitutionCode(d.institutionCode()).setDay(d.day().toString())
                .setClosedAt(at(d.closedAt())).setSettlements(d.settlements()).setReversals(d.reversals());
        for (cn.onestop.clearing.DayClose.Group g : d.groups()) {
            CloseGroup.Builder cg = CloseGroup.newBuilder().setInsutype(g.insuranceType().code())
                    .setClrType(g.clearingType().code()).setClrCategory(g.category().name())
                    .setSettlements(g.settlements()).setReversals(g.reversals()).setMedfeeSumamt(g.medfeeSumamt())
                    .setFundPaySumamt(g.fundPaySumamt()).setAcctPay(g.acctPay()).setPsnCashPay(g.psnCashPay());
            g.funds().forEach(t -> cg.addFunds(fund(t)));
            b.addGroups(cg);
        }
        return b.build();
    }

    static Statement statement(MonthStatement s) {
        Statement.Builder b = Statement.newBuilder().setInstitutionCode(s.institutionCode()).setSetlym(s.setlym())
                .setIssuedAt(at(s.issuedAt())).setSettlements(s.settlements()).setReversals(s.reversals())
                .setMedfeeSumamt(s.medfeeSumamt()).setFundPaySumamt(s.fundPaySumamt()).setAcctPay(s.acctPay())
                .setPsnCashPay(s.psnCashPay()).setWithheld(s.withheld()).setPayable(s.payable())
                .setCentreRules(s.centreRules() == null ? "" : s.centreRules()).setCsv(StatementCsv.write(s));
        s.funds().forEach(t -> b.addFunds(fund(t)));
        for (MonthStatement.PlanAdvance a : s.advances()) {
            b.addAdvances(StatementAdvance.newBuilder().setPlan(a.plan())
                    .setGeneralInpatientPool(a.advance().generalInpatientPool()).setAdvanceBp(a.advance().ratio().bp())
                    .setAdvanceSource(a.advance().ratio().source()).setAdvanced(a.advance().advanced())
                    .setWithheld(a.advance().withheld()));
        }
        return b.build();
    }

    private static CentreTotal figures(cn.onestop.clearing.TotalsReconciliation.Row r, Figures f) {
        return CentreTotal.newBuilder().setInsutype(r.insuranceType().code()).setClrType(r.clearingType().code())
                .setClrCategory(r.category().name()).setMedfeeSumamt(f.medfeeSumamt())
                .setFundPaySumamt(f.fundPaySumamt()).setAcctPay(f.acctPay()).setFixmedinsSetlCnt(f.count()).build();
    }

    static TotalsReconciliation totals(cn.onestop.clearing.TotalsReconciliation t) {
        TotalsReconciliation.Builder b = TotalsReconciliation.newBuilder().setReconciliationId(t.reconciliationId())
                .setInstitutionCode(t.institutionCode()).setStmtBegndate(t.from().toString())
                .setStmtEnddate(t.to().toString()).setBalanced(t.balanced()).setComplete(t.complete());
        for (cn.onestop.clearing.TotalsReconciliation.Row r : t.rows()) {
            b.addRows(TotalsRow.newBuilder().setInsutype(r.insuranceType().code()).setClrType(r.clearingType().code())
                    .setClrCategory(r.category().name()).setCentre(figures(r, r.centre())).setHere(figures(r, r.here()))
                    .setStmtRslt(r.stmtRslt()).setStmtRsltDscr(r.description()).setInCentre(r.inCentre()));
        }
        return b.build();
    }

    private static DetailAmounts amounts(Difference.Amounts a) {
        return DetailAmounts.newBuilder().setMedfeeSumamt(a.medfeeSumamt()).setFundPaySumamt(a.fundPaySumamt())
                .setAcctPay(a.acctPay()).setRefdSetlFlag(a.refundFlag()).build();
    }

    static DetailReconciliation detail(cn.onestop.clearing.DetailReconciliation d) {
        DetailReconciliation.Builder b = DetailReconciliation.newBuilder().setInstitutionCode(d.institutionCode())
                .setStmtBegndate(d.from().toString()).setStmtEnddate(d.to().toString()).setLines(d.lines())
                .setEntries(d.entries()).setMatched(d.matched()).setBalanced(d.balanced());
        for (Difference x : d.differences()) {
            DetailDifference.Builder db = DetailDifference.newBuilder().setKind(x.kind().name()).setLine(x.line())
                    .setSetlId(nz(x.setlId())).setMdtrtId(nz(x.mdtrtId())).setPsnNo(nz(x.psnNo()))
                    .setMsgid(nz(x.messageId())).setOriginalMsgid(nz(x.originalMessageId())).addAllFields(x.fields())
                    .setAction(x.action().name()).setAdvice(x.advice());
            if (x.there() != null) {
                db.setThere(amounts(x.there()));
            }
            if (x.here() != null) {
                db.setHere(amounts(x.here()));
            }
            b.addDifferences(db);
        }
        return b.build();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static ClearingPage page(cn.onestop.clearing.ClearingPage p) {
        ClearingPage.Builder b = ClearingPage.newBuilder().setInsuplcAdmdvs(p.region().code())
                .setSetlym(Months.setlym(p.month())).setTotal(p.total()).setStartrow(p.startRow())
                .setConfirmed(p.confirmed()).setStatus(p.status().name());
        for (cn.onestop.clearing.ClearingPage.Row r : p.rows()) {
            Entry e = r.entry();
            ClearingRow.Builder row = ClearingRow.newBuilder().setRow(r.row()).setSetlId(e.setlId())
                    .setMdtrtId(e.mdtrtId()).setPsnNo(e.personId()).setFixmedinsCode(e.institutionCode())
                    .setInsuplcAdmdvs(e.clearing().insuredRegion().code())
                    .setMdtrtareaAdmvs(e.clearing().treatingRegion().code())
                    .setClrCategory(e.clearing().category().name()).setClrType(e.clearing().type().code())
                    .setInsutype(e.clearing().insuranceType().code()).setSetlTime(at(e.at()))
                    .setRefdSetlFlag(e.refundFlag()).setMedfeeSumamt(e.medfeeSumamt())
                    .setFundPaySumamt(e.fundPaySumamt()).setAcctPay(e.acctPay()).setPsnCashPay(e.psnCashPay())
                    .setConfirmed(r.confirmed()).setMsgid(e.messageId());
            e.funds().forEach(f -> row.addFunds(FundAmount.newBuilder().setFundType(f.fundType())
                    .setAmount(f.amount())));
            b.addRows(row);
        }
        return b.build();
    }

    static ClearingConfirmation confirmed(ClearingNode.Confirmed c) {
        return ClearingConfirmation.newBuilder().setInsuplcAdmdvs(c.region().code()).setSetlym(Months.setlym(c.month()))
                .setTotal(c.total()).setConfirmedNow(c.confirmedNow()).setConfirmed(c.confirmed())
                .setStatus(c.status().name()).build();
    }

    static ClearingApplication application(cn.onestop.clearing.ClearingApplication a) {
        return ClearingApplication.newBuilder().setApplicationId(a.applicationId()).setInstitutionCode(
                        a.institutionCode()).setClrType(a.clearingType().code()).setSetlym(Months.setlym(a.month()))
                .setStatus(a.status().name()).setPsntime(a.net()).setSettlements(a.settlements())
                .setReversals(a.reversals()).setMedfeeSumamt(a.medfeeSumamt()).setFundAppySum(a.fundAppySum())
                .setAcctPay(a.acctPay()).setPsnCashPay(a.psnCashPay()).setAppliedAt(at(a.appliedAt()))
                .setWithdrawnAt(at(a.withdrawnAt())).setAcceptedAt(at(a.acceptedAt())).build();
    }

    static SharingEstimate sharing(SharingResult r) {
        SharingEstimate.Builder b = SharingEstimate.newBuilder().setCentrePays(r.centrePays())
                .setHospitalBears(r.hospitalBears()).setReward(r.reward()).setBand(r.band().name())
                .setScheme(r.scheme().name()).setBudget(r.budget()).setActual(r.actual());
        for (Param p : r.params()) {
            b.addParams(RuleParam.newBuilder().setName(p.name()).setValue(p.value()).setSource(p.source())
                    .setBasis(p.basis().name().toLowerCase(Locale.ROOT)));
        }
        return b.build();
    }
}
