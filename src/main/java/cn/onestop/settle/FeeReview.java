package cn.onestop.settle;

import cn.onestop.engine.LineShare;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;
import cn.onestop.request.BillLine;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * 明细审核: a bill's lines classified one by one — the catalog item each code names (category,
 * self ratio, price limit) and each line's own pay, over-limit self pay, 先行自付 and in-scope share
 * under the person's plan in force on the date — as a fee-detail upload is answered. Reads only;
 * the same institution rules as a pre-settlement.
 */
public final class FeeReview {
    private final Preparation preparation;
    private final Supplier<RuleBook> rules;
    private final Clock clock;
    private final Limits limits;

    FeeReview(Preparation preparation, Supplier<RuleBook> rules, Clock clock, Limits limits) {
        this.preparation = preparation;
        this.rules = rules;
        this.clock = clock;
        this.limits = limits;
    }

    /** One reviewed line: as classified, and its shares. */
    public record Line(BillLine classified, LineShare share) {
    }

    /** The reviewed bill: whose, under which plan and rule version, line by line in the order sent. */
    public record Reviewed(String personId, String plan, String ruleVersion, List<Line> lines,
                           List<String> catalogWarnings) {
        public Reviewed {
            lines = List.copyOf(lines);
            catalogWarnings = List.copyOf(catalogWarnings);
        }
    }

    public Result<Reviewed> review(Caller caller, SettleCommand cmd) {
        Optional<Failure> denied = Access.mayTransact(caller, cmd.institutionCode());
        if (denied.isPresent()) {
            return new Result.Failed<>(denied.get());
        }
        Optional<Failure> outOfBounds = limits.refusal(cmd, LocalDate.now(clock));
        if (outOfBounds.isPresent()) {
            return new Result.Failed<>(outOfBounds.get());
        }
        Result<Preparation.Prepared> prepared = preparation.prepare(cmd);
        if (prepared instanceof Result.Failed<Preparation.Prepared> f) {
            return new Result.Failed<>(f.failure());
        }
        Preparation.Prepared p = prepared.value();
        RuleTable table = rules.get().find(p.person().plan(), cmd.settleDate());
        if (table == null || table.sections().lines() == null) {
            return Result.failed(Reason.NO_RULE_VERSION, "no rule version of plan " + p.person().plan()
                    + " is in force on " + cmd.settleDate());
        }
        int level = p.institution().institution().level();
        List<Line> out = new ArrayList<>(p.bill().lines().size());
        for (BillLine l : p.bill().lines()) {
            out.add(new Line(l, LineShare.of(l, table.sections().lines(), level, p.person().medicalCare())));
        }
        return Result.ok(new Reviewed(p.person().personId(), p.person().plan(), table.id(), out,
                p.bill().warnings()));
    }
}
