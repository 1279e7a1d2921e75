package cn.onestop.national;

import cn.onestop.visits.Reversals;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;

/** 2601 冲正: the message omsgid (a oinfno) undone if it happened, and never to happen if it did not. */
final class ReversalTransaction {
    private final Reversals reversals;
    private final Outputs outputs;

    ReversalTransaction(Reversals reversals, Outputs outputs) {
        this.reversals = reversals;
        this.outputs = outputs;
    }

    void register(Map<String, Transaction> t) {
        t.put("2601", Transaction.changing(this::reverse));
    }

    private Outcome reverse(Call c) {
        Input in = c.input.object("data", true);
        in.key("psn_no", false, Answers.ID, "a person number");
        String omsgid = in.text("omsgid", true, 64);
        if (omsgid != null) {
            cn.onestop.kernel.Canonical.checkMessageId(c.bad, "input.data.omsgid", omsgid, true);
        }
        String oinfno = in.key("oinfno", true, Envelope.INFNO, "a 4-digit transaction number");
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.written(reversals.reverse(c.caller, c.message(), omsgid, oinfno, c.deadline, r -> {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.put("omsgid", r.originalMessageId());
            out.put("oinfno", r.originalInfno());
            out.put("reversed", r.happened() ? "1" : "0");
            if (r.reversal() != null) {
                out.setAll(outputs.settlement(r.reversal().record(), new Outputs.About(null, "", ""), -1,
                        r.reversal().reversalId(), r.reversal().record().reversedAt()));
            }
            return Answers.json(out);
        }));
    }
}
