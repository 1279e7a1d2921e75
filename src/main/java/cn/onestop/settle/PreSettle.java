package cn.onestop.settle;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Result;
import cn.onestop.request.Accumulators;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;


/** 试算: the split from the stored state, as Settle would make it now; nothing is locked or written. */
public final class PreSettle {
    private final Preparation preparation;
    private final Splitter splitter;
    private final LedgerStore ledger;
    private final Clock clock;
    private final Limits limits;

    PreSettle(Preparation preparation, Splitter splitter, LedgerStore ledger, Clock clock, Limits limits) {
        this.preparation = preparation;
        this.splitter = splitter;
        this.ledger = ledger;
        this.clock = clock;
        this.limits = limits;
    }

    public Result<PreSettled> preSettle(Caller caller, SettleCommand cmd) {
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
        return ledger.read(tx -> {
            Accumulators ytd = tx.yearRows().peek(p.yearKey(cmd));
            long balance = tx.accounts().peek(p.person().personId());
            long family = p.familyId() == null ? 0 : tx.accounts().peek(p.familyId());
            Result<Splitter.Split> split = splitter.split(cmd, p, ytd, balance, family);
            if (split instanceof Result.Failed<Splitter.Split> f) {
                return new Result.Failed<>(f.failure());
            }
            return Result.ok(new PreSettled(p.person().personId(), split.value().bill()));
        });
    }
}
