package cn.onestop.national;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.visits.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * One message being answered: who sent it, its envelope, its input, its deadline, and the faults
 * its fields have collected so far.
 */
final class Call {
    final Caller caller;
    final Envelope envelope;
    final Deadline deadline;
    final List<FieldViolation> bad = new ArrayList<>();
    final Input input;

    Call(Caller caller, Envelope envelope, Deadline deadline) {
        this.caller = caller;
        this.envelope = envelope;
        this.deadline = deadline;
        this.input = Input.of(envelope.input(), "input", bad);
    }

    String institution() {
        return envelope.fixmedinsCode();
    }

    /** The message as the journal keys it: its fingerprint is over the infno and the canonical input. */
    Message message() {
        byte[] canon = NationalJson.canonical(envelope.input());
        byte[] infno = envelope.infno().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = new byte[infno.length + 1 + canon.length];
        System.arraycopy(infno, 0, all, 0, infno.length);
        all[infno.length] = '\n';
        System.arraycopy(canon, 0, all, infno.length + 1, canon.length);
        return new Message(envelope.fixmedinsCode(), envelope.msgid(), envelope.infno(),
                cn.onestop.settle.RequestDigest.sha256(all));
    }
}
