package cn.onestop.national;

import cn.onestop.kernel.Failure;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Role;
import cn.onestop.request.AssistanceIdentity;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.EnrolledPerson;
import cn.onestop.settle.PersonView;
import cn.onestop.settle.RequestDigest;
import cn.onestop.settle.UseCases;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;

/** 9001 sign-in and 1101 person information. */
final class PersonTransactions {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final UseCases cases;
    private final Codes codes;
    private final Clock clock;

    PersonTransactions(UseCases cases, Codes codes, Clock clock) {
        this.cases = cases;
        this.codes = codes;
        this.clock = clock;
    }

    void register(Map<String, Transaction> t) {
        t.put("9001", Transaction.reading(this::signIn));
        t.put("1101", Transaction.reading(this::person));
    }

    /**
     * 9001: the operator's sign_no for the day, the same all day for the same operator at the same
     * institution (derived, not stored: nothing else depends on it).
     */
    private Outcome signIn(Call c) {
        Input in = c.input.object("signIn", true);
        String opter = in.text("opter_no", true, 64);
        in.text("mac", false, 64);
        in.text("ip", false, 64);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        if (!c.caller.is(Role.INSTITUTION)) {
            return new Outcome.Refused(Failure.of(Reason.ROLE_NOT_PERMITTED, "only a designated institution signs in"));
        }
        LocalDateTime now = LocalDateTime.now(clock);
        String day = now.toLocalDate().format(DateTimeFormatter.BASIC_ISO_DATE);
        byte[] h = RequestDigest.sha256((c.institution() + "\n" + opter + "\n" + day).getBytes(StandardCharsets.UTF_8));
        ObjectNode out = F.objectNode();
        ObjectNode s = out.putObject("signinoutb");
        s.put("sign_time", Input.TIME.format(now));
        s.put("sign_no", day + HexFormat.of().formatHex(h, 0, 8).toUpperCase(java.util.Locale.ROOT));
        return Outcome.ok(out);
    }

    /** 1101: the person holding the credential, their insurance with its balance, their identities. */
    private Outcome person(Call c) {
        Input in = c.input.object("data", true);
        CredentialRef credential = in.has("mdtrt_cert_type") || !in.has("certno")
                ? Answers.credential(in, "mdtrt_cert_type", "mdtrt_cert_no")
                : Answers.credential(in, "psn_cert_type", "certno");
        LocalDateTime begin = in.time("begntime", false);
        in.text("card_sn", false, 64);
        in.text("psn_name", false, 100);
        if (Answers.faulty(c)) {
            return Answers.invalid(c);
        }
        int year = (begin == null ? LocalDate.now(clock) : begin.toLocalDate()).getYear();
        return Answers.read(cases.persons().person(c.caller, credential, year, c.deadline), this::render);
    }

    private ObjectNode render(PersonView v) {
        EnrolledPerson p = v.person();
        ObjectNode out = F.objectNode();
        ObjectNode base = out.putObject("baseinfo");
        base.put("psn_no", p.personId());
        base.put("psn_cert_type", "01");
        base.put("certno", p.credentials().stream().filter(cr -> cr.type() == 2).map(CredentialRef::masked)
                .findFirst().orElse(""));
        base.put("psn_name", p.name());
        base.put("brdy", p.birthDate() == null ? "" : p.birthDate().toString());
        ArrayNode insu = out.putArray("insuinfo");
        ObjectNode i = insu.addObject();
        i.put("balc", Yuan.text(v.accountBalance()));
        i.put("insutype", codes.insutypeOf(p.plan()));
        i.put("psn_type", codes.psnType(p.status().name()));
        i.put("psn_insu_stas", p.arrears() ? "2" : "1");
        i.put("psn_insu_date", p.enrolledOn() == null ? "" : p.enrolledOn().toString());
        i.put("paus_insu_date", "");
        i.put("cvlserv_flag", p.civilServant() ? "1" : "0");
        i.put("insuplc_admdvs", "");
        i.put("emp_name", "");
        ArrayNode idet = out.putArray("idetinfo");
        for (AssistanceIdentity a : p.assistance()) {
            ObjectNode d = idet.addObject();
            d.put("psn_idet_type", codes.idetType(a.category()));
            d.put("psn_type_lv", "");
            d.put("memo", codes.label("psn_idet_type", codes.idetType(a.category())));
            d.put("begntime", a.from() + " 00:00:00");
            d.put("endtime", a.to() == null ? "" : a.to() + " 23:59:59");
        }
        return out;
    }

}
