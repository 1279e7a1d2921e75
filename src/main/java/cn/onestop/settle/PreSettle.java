package cn.onestop.settle;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Result;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;


/**
 * 试算: the split from the stored state, as Settle would make it now; nothing is locked or written.
 * The person, their accumulators and their balance are read in one statement.
 */
public final class PreSettle {
    private final Preparation preparation;
    private final Splitter splitter;
    private final LedgerStore ledger;
    private final Directory directory;
    private final Clock clock;
    private final Limits limits;

    PreSettle(Preparation preparation, Splitter splitter, LedgerStore ledger, Directory directory, Clock clock,
              Limits limits) {
        this.directory = directory;
        this.clock = clock;
        this.limits = limits;
        this.preparation = preparation;
        this.splitter = splitter;
        this.ledger = ledger;
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
        // the person, their year's accumulators and their balance in one read; nothing is locked
        Directory.Holder[] state = new Directory.Holder[1];
        Result<Preparation.Prepared> prepared = preparation.prepare(cmd, c -> directory.holdingWithState(c,
                cmd.year()).map(h -> {
                    state[0] = h;
                    return h.person();
                }));
        if (prepared instanceof Result.Failed<Preparation.Prepared> f) {
            return new Result.Failed<>(f.failure());
        }
        Preparation.Prepared p = prepared.value();
        long family = p.familyId() == null ? 0 : ledger.read(tx -> tx.accounts().peek(p.familyId()));
        Result<Splitter.Split> split = splitter.split(cmd, p, state[0].ytd(), state[0].balance(), family);
        if (split instanceof Result.Failed<Splitter.Split> f) {
            return new Result.Failed<>(f.failure());
        }
        return Result.ok(new PreSettled(p.person().personId(), split.value().bill()));
    }
}
