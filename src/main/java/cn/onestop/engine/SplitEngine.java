package cn.onestop.engine;

import cn.onestop.request.Accumulators;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.Scheme;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a bill across the funds exactly as POLICY.md says. A pure function: the request, the
 * person's year-to-date state inside it and an immutable {@link RuleBook} in; an {@link Outcome}
 * out. No clock, no I/O, no shared state; safe to call from any number of threads.
 */
public final class SplitEngine {
    private SplitEngine() {
    }

    public static Outcome split(SettlementRequest req, RuleBook book) {
        RuleBook.Plan plan = book.plan(req.plan());
        if (plan == null) {
            return Outcome.Refused.invalid("plan", "unknown plan " + req.plan());
        }
        Scheme scheme = plan.scheme();
        PersonStatus status = req.person().status();
        if (!scheme.fits(status)) {
            return Outcome.Refused.invalid("person.status", status + " does not fit the " + scheme
                    + " plan " + req.plan());
        }
        if (scheme == Scheme.RESIDENT && req.person().benefitStart() == null) {
            return Outcome.Refused.invalid("person.benefit_start", "is required for a resident");
        }
        RuleTable table = plan.find(req.settleDate());
        if (table == null) {
            return Outcome.Refused.of(Refusal.NO_RULE_VERSION,
                    "no version of " + req.plan() + " is in force on " + req.settleDate());
        }
        RuleTable.Sections rules = table.sections();
        if (status == PersonStatus.OTHER_CHANNEL) {
            return Outcome.Refused.of(Refusal.OTHER_FUNDING_CHANNEL, "paid through another funding channel ("
                    + rules.otherChannel().refused().source() + "), not by " + table.id());
        }
        Benefit benefit = Benefit.of(req.visit().type(), rules);
        if (benefit == null) {
            return Outcome.Refused.of(Refusal.RULE_SECTION_MISSING,
                    table.id() + " has no section for " + req.visit().type());
        }
        if (rules.eligibility() != null) {
            String why = Eligibility.refusal(rules.eligibility(), req.person(), req.settleDate());
            if (why != null) {
                return Outcome.Refused.of(Refusal.NOT_ELIGIBLE, why);
            }
        }
        Split s = new Split(req, table, book.assistance(req.settleDate()));
        LineClassifier.classify(s);
        benefit.pay(s);
        CivilServantSubsidy.apply(s);
        MedicalAssistance.apply(s);
        MedicalAssistance.monitor(s);
        PersonalAccount.apply(s);
        MealAllowance.apply(s);
        return new Outcome.Settled(settle(s, scheme));
    }

    private static Settlement settle(Split s, Scheme scheme) {
        long funds = s.hifp + s.hifob + s.hifmi + s.cvlserv + s.maf;
        long acct = s.acctOwn + s.acctFamily;
        long cash = s.medfee - funds - acct;
        SetlInfo amounts = new SetlInfo(s.medfee, s.fulamt, s.overlmt, s.preselfpay, s.inscp, s.deductible, s.hifp,
                s.hifob, s.hifmi, s.cvlserv, s.maf, funds, acct, s.acctFamily, cash, acct + cash, 0,
                s.person.accountBalance() - s.acctOwn, s.meal);
        List<FundPayment> rows = new ArrayList<>(4);
        row(rows, scheme == Scheme.EMPLOYEE ? FundType.EMPLOYEE_POOL : FundType.RESIDENT_POOL, s.hifp);
        row(rows, FundType.LARGE_AMOUNT, s.hifob);
        row(rows, FundType.CRITICAL_ILLNESS, s.hifmi);
        row(rows, FundType.CIVIL_SERVANT_SUBSIDY, s.cvlserv);
        row(rows, FundType.MEDICAL_ASSISTANCE, s.maf);
        row(rows, FundType.PERSONAL_ACCOUNT, s.acctOwn);
        row(rows, FundType.FAMILY_ACCOUNT, s.acctFamily);
        Accumulators delta = Accumulators.of(s.delta);
        CapCheck.verify(s, delta);
        return new Settlement(s.table.id(), s.assistanceTable == null ? null : s.assistanceTable.id(), amounts, rows,
                delta, s.acctFamily, s.flags(), s.warnings(), s.steps);
    }

    private static void row(List<FundPayment> rows, FundType fund, long amount) {
        if (amount > 0) {
            rows.add(new FundPayment(fund, amount));
        }
    }
}
