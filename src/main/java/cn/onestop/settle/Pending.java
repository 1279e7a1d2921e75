package cn.onestop.settle;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Result;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** A settlement prepared and waiting for its batch, and where its answer goes. */
record Pending(Caller caller, SettleCommand cmd, RequestDigest digest, Preparation.Prepared prepared,
               Deadline deadline, CompletableFuture<Result<Settled>> answer) {

    YearKey yearKey() {
        return prepared.yearKey(cmd);
    }

    /** Every person whose rows this settlement moves: the patient, and the family payer if any. */
    Set<String> persons() {
        return Set.copyOf(prepared.accounts());
    }

    /** Its exactly-once key. */
    String messageKey() {
        return cmd.institutionCode() + "\u0000" + cmd.messageId();
    }
}
