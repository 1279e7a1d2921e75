package cn.onestop.national;

import cn.onestop.kernel.Result;
import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.PreSettled;
import cn.onestop.visits.SettleVisit;
import cn.onestop.visits.VisitRecord;
import cn.onestop.visits.VisitSettlements;
import cn.onestop.visits.Visits;

import java.time.Clock;
import java.util.Map;

/**
 * Settlements of visits: 2206 / 2303 pre-settle, 2207 / 2304 settle, 2208 / 2305 cancel — through the
 * settlement use cases, the message's msgid the settlement's message id.
 */
final class SettleTransactions {
    private final Visits visits;
    private final VisitSettlements settlements;
    private final Codes codes;
    private final Outputs outputs;
    private final Clock clock;

    SettleTransactions(Visits visits, VisitSettlements settlements, Codes codes, Outputs outputs, Clock clock) {
        this.visits = visits;
        this.settlements = settlements;
        this.codes = codes;
        this.outputs = outputs;
        this.clock = clock;
    }

    void register(Map<String, Transaction> t) {
        t.put("2206", Transaction.reading(c -> settle(c, false, false)));
        t.put("2207", Transaction.changing(c -> settle(c, false, true)));
        t.put("2303", Transaction.reading(c -> settle(c, true, false)));
        t.put("2304", Transaction.changing(c -> settle(c, true, true)));
        t.put("2208", Transaction.changing(this::cancel));
        t.put("2305", Transaction.changing(this::cancel));
    }

    /** What a (pre-)settlement message asks, read from its {@code data}; null when a field is at fault. */
    private record Asked(SettleVisit cmd, VisitRecord visit, String medType) {
    }

    private Result<Asked> asked(Call c, boolean inpatient) {
        Input in = c.input.object("data", true);
        String mdtrtId = in.key("mdtrt_id", true, Answers.ID, "a visit id (mdtrt_id)");
        String psnNo = in.key("psn_no", false, Answers.ID, "a person number");
        CredentialRef credential = Answers.credential(in, "mdtrt_cert_type", "mdtrt_cert_no");
        String medType = in.text("med_type", !inpatient, 6);
        VisitType type = codes.visitType(in, "med_type", medType);
        Long total = in.yuan("medfee_sumamt", true);
        String setlway = in.text("psn_setlway", false, 2);
        if (setlway != null && !setlway.equals("01")) {
            in.refuse("psn_setlway", "is " + setlway + ": the gateway settles by item (01) only");
        }
        String insutype = in.text("insutype", false, 6);
        codes.plans(in, "insutype", insutype);
        Boolean account = in.flag("acct_used_flag", false);
        in.flag("mid_setl_flag", false);
        for (String f : new String[] {"fulamt_ownpay_amt", "overlmt_selfpay", "preselfpay_amt", "inscp_scp_amt"}) {
            in.yuan(f, false);
        }
        in.text("chrg_bchno", false, 30);
        in.text("invono", false, 64);
        if (Answers.faulty(c)) {
            return null;
        }
        return visits.find(c.caller, mdtrtId).flatMap(v -> {
            if (psnNo != null && !psnNo.equals(v.personId())) {
                in.refuse("psn_no", "is " + psnNo + ", but visit " + mdtrtId + " is of another person");
            }
            if (insutype != null && !insutype.equals(v.insutype())) {
                in.refuse("insutype", "is " + insutype + ", but visit " + mdtrtId + " was registered under "
                        + v.insutype());
            }
            String med = medType != null ? medType : v.medType();
            VisitType t = type != null ? type : v.type();
            return Result.ok(new Asked(new SettleVisit(mdtrtId, credential, v.personId(), t,
                    account == null || account, total), v, med));
        });
    }

    private Outcome settle(Call c, boolean inpatient, boolean commit) {
        Result<Asked> a = asked(c, inpatient);
        if (a == null || Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        if (a instanceof Result.Failed<Asked> f) {
            return new Outcome.Refused(f.failure());
        }
        Asked asked = a.value();
        Outputs.About about = new Outputs.About(asked.visit(), asked.medType(), c.envelope.insuplcAdmdvs());
        if (!commit) {
            return Answers.read(settlements.preSettle(c.caller, asked.cmd()), (PreSettled p) -> outputs.settlement(
                    new Outputs.Made(p.personId(), p.bill(), "", 0), about, 1, "", clock.instant()));
        }
        return Answers.written(settlements.settle(c.caller, c.message(), asked.cmd(), c.deadline, s ->
                Answers.json(outputs.settlement(s.record(), about, 1, s.record().settlementId(),
                        s.record().createdAt()))));
    }

    /** 2208 / 2305: the visit's settlement cancelled, answered with its amounts negated. */
    private Outcome cancel(Call c) {
        Input in = c.input.object("data", true);
        String setlId = in.key("setl_id", true, Answers.ID, "a settlement id (setl_id)");
        String mdtrtId = in.key("mdtrt_id", true, Answers.ID, "a visit id (mdtrt_id)");
        String psnNo = in.key("psn_no", false, Answers.ID, "a person number");
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        Result<VisitRecord> v = visits.find(c.caller, mdtrtId);
        if (v.isOk() && psnNo != null && !psnNo.equals(v.value().personId())) {
            in.refuse("psn_no", "is " + psnNo + ", but visit " + mdtrtId + " is of another person");
            return Answers.invalid(c);
        }
        return Answers.written(v.flatMap(visit -> settlements.cancel(c.caller, c.message(), mdtrtId, setlId,
                c.deadline, r -> Answers.json(outputs.settlement(r.record(), new Outputs.About(visit, visit.medType(),
                        c.envelope.insuplcAdmdvs()), -1, r.reversalId(), r.record().reversedAt())))));
    }
}
