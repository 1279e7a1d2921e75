package cn.onestop.json;

import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.AssistanceIdentity;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.FamilyPayer;
import cn.onestop.request.FamilyRelation;
import cn.onestop.request.Filing;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a settlement request in the JSON form of the shared test vectors. Every problem is an
 * {@link InvalidRequestException} naming the field by its path ({@code lines[2].qty}).
 */
public final class RequestJson {
    private RequestJson() {
    }

    public static SettlementRequest parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidRequestException("", "a request is a JSON object");
        }
        String plan = JsonFields.text(root, "plan", "plan", true);
        LocalDate settleDate = JsonFields.date(root, "settle_date", "settle_date", true);
        Person person = person(JsonFields.object(root, "person", "person"));
        Institution institution = institution(JsonFields.object(root, "institution", "institution"));
        Visit visit = visit(JsonFields.object(root, "visit", "visit"));
        long[] ytd = new long[Accumulator.values().length];
        JsonNode y = root.get("ytd");
        if (y != null && !y.isNull()) {
            if (!y.isObject()) {
                throw new InvalidRequestException("ytd", "must be an object of accumulators");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = y.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Accumulator a = Accumulator.byKey(e.getKey());
                if (a == null) {
                    throw new InvalidRequestException("ytd." + e.getKey(), "unknown accumulator");
                }
                ytd[a.ordinal()] = JsonFields.integer(e.getValue(), "ytd." + e.getKey());
            }
        }
        JsonNode linesNode = root.get("lines");
        if (linesNode == null || !linesNode.isArray()) {
            throw new InvalidRequestException("lines", "is required (a list of bill lines)");
        }
        List<BillLine> lines = new ArrayList<>(linesNode.size());
        for (int i = 0; i < linesNode.size(); i++) {
            lines.add(line(linesNode.get(i), "lines[" + i + "]"));
        }
        return new SettlementRequest(plan, settleDate, person, institution, visit,
                cn.onestop.request.Accumulators.of(ytd), lines);
    }

    /** The request in the same JSON form, so a stored settlement's input reads like a test vector. */
    public static ObjectNode write(SettlementRequest r) {
        ObjectNode o = SettlementJson.mapper().createObjectNode();
        o.put("plan", r.plan());
        o.put("settle_date", r.settleDate().toString());
        Person p = r.person();
        ObjectNode pn = o.putObject("person");
        pn.put("status", p.status().name()).put("civil_servant", p.civilServant()).put("medical_care", p.medicalCare())
                .put("cr_disabled", p.crDisabled().name()).put("arrears", p.arrears());
        ArrayNode as = pn.putArray("assistance");
        for (AssistanceIdentity a : p.assistance()) {
            ObjectNode an = as.addObject().put("category", a.category().name()).put("from", a.from().toString());
            if (a.to() == null) {
                an.putNull("to");
            } else {
                an.put("to", a.to().toString());
            }
        }
        putDate(pn, "benefit_start", p.benefitStart());
        putDate(pn, "birth_date", p.birthDate());
        putDate(pn, "enrolled_on", p.enrolledOn());
        pn.put("student", p.student()).put("account_balance", p.accountBalance());
        if (p.familyPayer() != null) {
            pn.putObject("family_payer").put("relation", p.familyPayer().relation().name())
                    .put("balance", p.familyPayer().balance());
        }
        Institution i = r.institution();
        o.putObject("institution").put("level", i.level()).put("grade", i.grade().name()).put("kind", i.kind().name())
                .put("tcm", i.tcm()).put("dual_channel", i.dualChannel()).put("outpatient_pooling", i.outpatientPooling());
        Visit v = r.visit();
        ObjectNode vn = o.putObject("visit").put("type", v.type().name()).put("filing", v.filing().name())
                .put("use_account", v.useAccount());
        if (v.days() > 0) {
            vn.put("days", v.days());
        }
        ObjectNode y = o.putObject("ytd");
        r.ytd().nonZero().forEach((k, x) -> y.put(k.key(), x));
        ArrayNode ls = o.putArray("lines");
        for (BillLine l : r.lines()) {
            ObjectNode ln = ls.addObject().put("id", l.id()).put("category", l.category().name())
                    .put("unit_price", l.unitPrice()).put("qty", l.qty());
            if (l.selfRatioBp() != BillLine.NO_RATIO) {
                ln.put("self_ratio_bp", l.selfRatioBp());
            }
            if (l.tcmDrug()) {
                ln.put("tcm_drug", true);
            }
            if (l.emergency()) {
                ln.put("emergency", true);
            }
            if (l.priceLimit() != BillLine.NO_LIMIT) {
                ln.put("price_limit", l.priceLimit());
            }
        }
        return o;
    }

    private static void putDate(ObjectNode n, String name, LocalDate d) {
        if (d != null) {
            n.put(name, d.toString());
        }
    }

    private static Person person(JsonNode n) {
        List<AssistanceIdentity> assistance = new ArrayList<>();
        JsonNode a = n.get("assistance");
        if (a != null && !a.isNull()) {
            if (!a.isArray()) {
                throw new InvalidRequestException("person.assistance", "must be a list");
            }
            for (int i = 0; i < a.size(); i++) {
                String path = "person.assistance[" + i + "]";
                JsonNode e = a.get(i);
                if (!e.isObject()) {
                    throw new InvalidRequestException(path, "must be {category, from, to}");
                }
                AssistanceCategory c = JsonFields.enumValue(e, "category", path + ".category", AssistanceCategory.class, null);
                LocalDate from = JsonFields.date(e, "from", path + ".from", true);
                LocalDate to = JsonFields.date(e, "to", path + ".to", false);
                try {
                    assistance.add(new AssistanceIdentity(c, from, to));
                } catch (InvalidRequestException x) {
                    throw x.under(path);
                }
            }
        }
        FamilyPayer family = null;
        JsonNode f = n.get("family_payer");
        if (f != null && !f.isNull()) {
            if (!f.isObject()) {
                throw new InvalidRequestException("person.family_payer", "must be {relation, balance}");
            }
            try {
                family = new FamilyPayer(JsonFields.enumValue(f, "relation", "person.family_payer.relation", FamilyRelation.class,
                        null), JsonFields.integer(f, "balance", "person.family_payer.balance", 0));
            } catch (InvalidRequestException x) {
                throw x.violations().get(0).field().startsWith("person.") ? x : x.under("person.family_payer");
            }
        }
        try {
            return new Person(JsonFields.enumValue(n, "status", "person.status", PersonStatus.class, null),
                    JsonFields.bool(n, "civil_servant", "person.civil_servant"), JsonFields.bool(n, "medical_care", "person.medical_care"),
                    JsonFields.enumValue(n, "cr_disabled", "person.cr_disabled", CrDisabled.class, CrDisabled.NONE),
                    JsonFields.bool(n, "arrears", "person.arrears"), assistance,
                    JsonFields.date(n, "benefit_start", "person.benefit_start", false),
                    JsonFields.date(n, "birth_date", "person.birth_date", false),
                    JsonFields.date(n, "enrolled_on", "person.enrolled_on", false),
                    JsonFields.bool(n, "student", "person.student"),
                    JsonFields.integer(n, "account_balance", "person.account_balance", 0), family);
        } catch (InvalidRequestException x) {
            throw x.violations().get(0).field().startsWith("person.") ? x : x.under("person");
        }
    }

    private static Institution institution(JsonNode n) {
        try {
            return new Institution((int) JsonFields.integer(n, "level", "institution.level", -1),
                    JsonFields.enumValue(n, "grade", "institution.grade", Grade.class, Grade.NONE),
                    JsonFields.enumValue(n, "kind", "institution.kind", InstitutionKind.class, null),
                    JsonFields.bool(n, "tcm", "institution.tcm"), JsonFields.bool(n, "dual_channel", "institution.dual_channel"),
                    JsonFields.bool(n, "outpatient_pooling", "institution.outpatient_pooling"));
        } catch (InvalidRequestException x) {
            throw x.violations().get(0).field().startsWith("institution.") ? x : x.under("institution");
        }
    }

    private static Visit visit(JsonNode n) {
        try {
            long days = JsonFields.integer(n, "days", "visit.days", 0);
            if (days > Integer.MAX_VALUE) {
                throw new InvalidRequestException("visit.days", "is too large: " + days);
            }
            return new Visit(JsonFields.enumValue(n, "type", "visit.type", VisitType.class, null),
                    JsonFields.enumValue(n, "filing", "visit.filing", Filing.class, Filing.LOCAL),
                    JsonFields.bool(n, "use_account", "visit.use_account"), (int) days);
        } catch (InvalidRequestException x) {
            throw x.violations().get(0).field().startsWith("visit.") ? x : x.under("visit");
        }
    }

    private static BillLine line(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw new InvalidRequestException(path, "a line is an object");
        }
        try {
            long ratio = JsonFields.integer(n, "self_ratio_bp", path + ".self_ratio_bp", BillLine.NO_RATIO);
            if (ratio != BillLine.NO_RATIO && (ratio < 0 || ratio > 10_000)) {
                throw new InvalidRequestException(path + ".self_ratio_bp", "must be 0..10000, got " + ratio);
            }
            return new BillLine(JsonFields.text(n, "id", path + ".id", true),
                    JsonFields.enumValue(n, "category", path + ".category", Category.class, null),
                    JsonFields.integer(n, "unit_price", path + ".unit_price", Long.MIN_VALUE),
                    JsonFields.integer(n, "qty", path + ".qty", Long.MIN_VALUE), (int) ratio,
                    JsonFields.bool(n, "tcm_drug", path + ".tcm_drug"), JsonFields.bool(n, "emergency", path + ".emergency"),
                    JsonFields.integer(n, "price_limit", path + ".price_limit", BillLine.NO_LIMIT));
        } catch (InvalidRequestException x) {
            throw x.violations().get(0).field().startsWith(path) ? x : x.under(path);
        }
    }
}
