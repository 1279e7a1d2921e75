package cn.onestop.settle;

import cn.onestop.centre.AdminDivision;
import cn.onestop.centre.Clearing;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.Settlement;
import cn.onestop.engine.SplitEngine;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.Accumulators;
import cn.onestop.request.FamilyPayer;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.CentreRules;
import cn.onestop.rules.RuleBook;

import java.util.function.Supplier;

/** The pure step: a prepared bill and the person's state in, the engine's split out. */
final class Splitter {
    private final Supplier<RuleBook> rules;

    Splitter(Supplier<RuleBook> rules) {
        this.rules = rules;
    }

    /** The engine's input, its settlement, and what it records for its clearing. */
    record Split(SettlementRequest input, SettledBill bill, Clearing clearing) {
        Settlement settlement() {
            return bill.split();
        }
    }

    Result<Split> split(SettleCommand cmd, Preparation.Prepared p, Accumulators ytd, long balance,
                        long familyBalance) {
        SettlementRequest req;
        try {
            FamilyPayer family = cmd.family() == null ? null : new FamilyPayer(cmd.family().relation(), familyBalance);
            req = new SettlementRequest(p.person().plan(), cmd.settleDate(), p.person().toEngine(balance, family),
                    p.institution().institution(), cmd.visit(), ytd, p.bill().lines());
        } catch (InvalidRequestException e) {
            return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, e.getMessage(), e.violations()));
        }
        RuleBook book = rules.get();
        Outcome outcome;
        try {
            outcome = SplitEngine.split(req, book);
        } catch (ArithmeticException e) {
            // the engine's arithmetic is exact: an amount beyond a long (a year-to-date value near
            // the top of its range) is refused, never wrapped and never a failure of the gateway
            return Result.failed(Reason.AMOUNT_OUT_OF_RANGE, "an amount of this settlement, with the person's "
                    + "year-to-date state, is beyond the range the ledger keeps; nothing was written");
        }
        if (outcome instanceof Outcome.Refused r) {
            return new Result.Failed<>(new Failure(Reason.valueOf(r.code().name()), r.reason(), r.violations()));
        }
        Settlement s = ((Outcome.Settled) outcome).settlement();
        return Result.ok(new Split(req, new SettledBill(p.person().plan(), cmd.settleDate(), s,
                p.bill().warnings(), p.bill().catalogVersion()), clearing(cmd, p, book)));
    }

    /**
     * POLICY §11: the person's insured region against the institution's, the visit's clearing type, the
     * plan's insurance type. Pooling regions are geography: the centre rules in force on the date, or the
     * newest ones for a date before any.
     */
    private static Clearing clearing(SettleCommand cmd, Preparation.Prepared p, RuleBook book) {
        CentreRules centre = book.centre(cmd.settleDate());
        return Clearing.of(p.person().insuredRegion(), new AdminDivision(p.institution().region()),
                cmd.visit().type(), book.scheme(p.person().plan()), centre != null ? centre : book.latestCentre());
    }
}
