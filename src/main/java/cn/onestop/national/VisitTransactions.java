package cn.onestop.national;

import cn.onestop.kernel.Result;
import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;
import cn.onestop.visits.Answer;
import cn.onestop.visits.Registration;
import cn.onestop.visits.VisitRecord;
import cn.onestop.visits.Visits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;

/**
 * Visits: 2201 outpatient registration, 2202 its cancellation, 2203 the visit's information; 2401
 * admission, 2402 discharge, 2404 cancelled admission.
 */
final class VisitTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final Visits visits;
    private final Codes codes;

    VisitTransactions(Visits visits, Codes codes) {
        this.visits = visits;
        this.codes = codes;
    }

    void register(Map<String, Transaction> t) {
        t.put("2201", Transaction.changing(c -> open(c, "data", "data", false)));
        t.put("2401", Transaction.changing(c -> open(c, "mdtrtinfo", "result", true)));
        t.put("2202", Transaction.changing(c -> cancel(c, false)));
        t.put("2404", Transaction.changing(c -> cancel(c, true)));
        t.put("2203", Transaction.changing(this::describe));
        t.put("2402", Transaction.changing(this::discharge));
    }

    /** 2201 / 2401: a new visit (mdtrt_id) for the person presenting the credential. */
    private Outcome open(Call c, String inName, String outName, boolean inpatient) {
        Input in = c.input.object(inName, true);
        String psnNo = in.key("psn_no", false, Answers.ID, "a person number");
        String insutype = in.text("insutype", true, 6);
        Set<String> plans = codes.plans(in, "insutype", insutype);
        LocalDateTime begin = in.time("begntime", true);
        CredentialRef credential = Answers.credential(in, "mdtrt_cert_type", "mdtrt_cert_no");
        String medType = in.text("med_type", inpatient, 6);
        VisitType type = medType == null ? VisitType.GENERAL_OUTPATIENT : codes.visitType(in, "med_type", medType);
        if (type != null && type.isInpatient() != inpatient) {
            in.refuse("med_type", "is " + medType + " (" + type + "), not " + (inpatient ? "an inpatient" : "an outpatient")
                    + " med_type");
        }
        String iptOtpNo = in.text(inpatient ? "ipt_no" : "ipt_otp_no", false, 30);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        Registration r = new Registration(c.institution(), credential, psnNo, insutype, plans,
                medType == null ? "" : medType, type, begin, Answers.json(c.envelope.input()));
        Result<Answer<VisitRecord>> done = visits.register(c.caller, c.message(), r, c.deadline, v -> {
            ObjectNode out = F.objectNode();
            ObjectNode d = out.putObject(outName);
            d.put("mdtrt_id", v.mdtrtId());
            d.put("psn_no", v.personId());
            d.put("ipt_otp_no", iptOtpNo == null ? "" : iptOtpNo);
            return Answers.json(out);
        });
        return Answers.written(done);
    }

    /** The visit named by {@code mdtrt_id} of {@code in}, checked against the psn_no sent with it. */
    private Result<VisitRecord> visit(Call c, Input in) {
        String mdtrtId = in.key("mdtrt_id", true, Answers.ID, "a visit id (mdtrt_id)");
        String psnNo = in.key("psn_no", false, Answers.ID, "a person number");
        if (Answers.faulty(c)) {
            return null;
        }
        Result<VisitRecord> v = visits.find(c.caller, mdtrtId);
        if (v.isOk() && psnNo != null && !psnNo.equals(v.value().personId())) {
            in.refuse("psn_no", "is " + psnNo + ", but visit " + mdtrtId + " is of another person");
            return null;
        }
        return v;
    }

    private static String empty() {
        return Answers.json(F.objectNode());
    }

    private Outcome cancel(Call c, boolean inpatient) {
        Input in = c.input.object("data", true);
        Result<VisitRecord> v = visit(c, in);
        if (v == null) {
            return Answers.invalid(c);
        }
        if (v.isOk() && v.value().inpatient() != inpatient) {
            in.refuse("mdtrt_id", "names " + (inpatient ? "an outpatient visit (cancel it with 2202)"
                    : "an inpatient stay (cancel it with 2404)"));
            return Answers.invalid(c);
        }
        return Answers.written(v.flatMap(x -> visits.cancel(c.caller, c.message(), x.mdtrtId(), r -> empty())));
    }

    /** 2203: the visit's med_type and diagnoses. */
    private Outcome describe(Call c) {
        Input in = c.input.object("mdtrtinfo", true);
        Result<VisitRecord> v = visit(c, in);
        String medType = in.text("med_type", true, 6);
        VisitType type = codes.visitType(in, "med_type", medType);
        in.time("begntime", false);
        in.array("diseinfo", false, 100);
        if (v == null || Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        JsonNode all = c.envelope.input();
        return Answers.written(v.flatMap(x -> visits.describe(c.caller, c.message(), x.mdtrtId(), medType, type,
                Answers.json(all), r -> empty())));
    }

    /** 2402: the stay discharged. */
    private Outcome discharge(Call c) {
        Input in = c.input.object("dscginfo", true);
        Result<VisitRecord> v = visit(c, in);
        LocalDateTime end = in.time("endtime", true);
        in.array("diseinfo", false, 100);
        if (v == null || Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        return Answers.written(v.flatMap(x -> visits.discharge(c.caller, c.message(), x.mdtrtId(), end,
                r -> empty())));
    }
}
