package cn.onestop.bench;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * What the load generator sends: sample-like persons on the three sample plans, each settling at
 * the sample institutions of their own region, with a mix of visit types — a discharge of 20 lines,
 * a general-outpatient visit, a pharmacy sale, an emergency visit — drawn at random with fixed
 * seeds. Persons are enrolled through the ordinary import ({@link #personsCsv}); the institutions
 * are the sample ones (config/samples/institutions.csv).
 */
final class Workload {
    static final String[] PLANS = {"NM-REGION-EMPLOYEE", "CHIFENG-RESIDENT", "WUHAI-EMPLOYEE"};

    /** Where each plan's persons are treated: hospitals (and primary care), and pharmacies. */
    static final Map<String, List<String>> HOSPITALS = Map.of(
            "NM-REGION-EMPLOYEE", List.of("H15010500001", "H15010300001", "H15012100001", "H15012200001"),
            "CHIFENG-RESIDENT", List.of("H15040200002", "H15042800001", "H15042600001"),
            "WUHAI-EMPLOYEE", List.of("H15030200001", "H15030300001"));
    static final Map<String, List<String>> PHARMACIES = Map.of(
            "NM-REGION-EMPLOYEE", List.of("P15010500001"),
            "CHIFENG-RESIDENT", List.of(),
            "WUHAI-EMPLOYEE", List.of("P15030300001"));

    /** A kind of visit and its share of the mix (percent). */
    record Kind(VisitType type, int share, int lines, boolean pharmacy) {
    }

    static final List<Kind> MIX = List.of(
            new Kind(VisitType.INPATIENT, 40, 20, false),
            new Kind(VisitType.GENERAL_OUTPATIENT, 30, 4, false),
            new Kind(VisitType.PHARMACY, 20, 3, true),
            new Kind(VisitType.EMERGENCY_OUTPATIENT, 10, 6, false));

    private static final Category[] INPATIENT_LINES = {Category.A, Category.A, Category.B, Category.A, Category.B,
            Category.SELF, Category.A, Category.BED, Category.A, Category.BLOOD};
    private static final Category[] OUTPATIENT_LINES = {Category.A, Category.B, Category.A, Category.SELF,
            Category.A, Category.B};

    private final int persons;
    /** Visits (plan, kind, institution) that settle: what the preflight kept. */
    private final List<Visit3> visits = new ArrayList<>();

    /** A visit of the mix at one institution. */
    record Visit3(String plan, Kind kind, String institution) {
    }

    Workload(int persons) {
        this.persons = persons;
        for (String plan : PLANS) {
            for (Kind k : MIX) {
                for (String inst : k.pharmacy() ? PHARMACIES.get(plan) : HOSPITALS.get(plan)) {
                    visits.add(new Visit3(plan, k, inst));
                }
            }
        }
    }

    int persons() {
        return persons;
    }

    /** Every visit of the mix, before the preflight. */
    List<Visit3> visits() {
        return List.copyOf(visits);
    }

    /** Keeps the visits {@code settles} accepts; returns the ones dropped. */
    List<Visit3> keep(Predicate<Visit3> settles) {
        List<Visit3> dropped = visits.stream().filter(settles.negate()).toList();
        visits.removeAll(dropped);
        if (visits.isEmpty()) {
            throw new IllegalStateException("no visit of the mix settles: " + dropped);
        }
        return dropped;
    }

    /** The plan of person {@code i}: 60% region employees, 20% Chifeng residents, 20% Wuhai employees. */
    static String plan(int i) {
        int d = i % 10;
        return d < 6 ? PLANS[0] : d < 8 ? PLANS[1] : PLANS[2];
    }

    static String personId(int i) {
        return String.format("BENCH%07d", i);
    }

    static String voucher(int i) {
        return String.format("EVBENCH%07d", i);
    }

    /** The import file of the persons: the enrolment import's own format. */
    String personsCsv() {
        StringBuilder csv = new StringBuilder("person_id,name,plan,status,civil_servant,medical_care,cr_disabled,"
                + "arrears,benefit_start,birth_date,enrolled_on,student,e_voucher,id_card,social_security_card,"
                + "account_balance,assistance,opening_year,opening_accumulators\n");
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < persons; i++) {
            String plan = plan(i);
            boolean resident = plan.equals("CHIFENG-RESIDENT");
            String status = resident ? "RESIDENT" : rnd.nextInt(10) < 3 ? "RETIRED" : "ACTIVE";
            boolean civil = !resident && rnd.nextInt(10) == 0;
            long balance = resident ? 0 : 20_000 + rnd.nextLong(800_000);
            csv.append(personId(i)).append(",参保人").append(i).append(',').append(plan).append(',').append(status)
                    .append(',').append(civil).append(",false,NONE,false,").append(resident ? "2025-01-01" : "")
                    .append(",,,false,").append(voucher(i)).append(",,,").append(balance).append(",,,\n");
        }
        return csv.toString();
    }

    /** The mix in one line: the plans' shares and the visits kept, by plan. */
    String describe() {
        StringBuilder b = new StringBuilder("persons: 60% NM-REGION-EMPLOYEE, 20% CHIFENG-RESIDENT, 20% "
                + "WUHAI-EMPLOYEE; visits drawn 40% inpatient (20 lines), 30% general outpatient (4), 20% pharmacy "
                + "(3), 10% emergency (6), each plan among the kinds its rules settle:");
        for (String plan : PLANS) {
            b.append(' ').append(plan).append(' ').append(visits.stream().filter(v -> v.plan().equals(plan))
                    .map(v -> v.kind().type().name()).distinct().toList());
        }
        return b.toString();
    }

    /** A visit of the mix drawn for person {@code person}, at an institution of that person's region. */
    Visit3 visitFor(int person, SplittableRandom rnd) {
        String plan = plan(person);
        int roll = rnd.nextInt(100);
        Kind kind = MIX.get(MIX.size() - 1);
        for (Kind k : MIX) {
            if (roll < k.share()) {
                kind = k;
                break;
            }
            roll -= k.share();
        }
        List<Visit3> candidates = new ArrayList<>(4);
        for (Visit3 v : visits) {
            if (v.plan().equals(plan) && v.kind().equals(kind)) {
                candidates.add(v);
            }
        }
        if (candidates.isEmpty()) { // this kind does not settle for the plan: any visit of the plan that does
            for (Visit3 v : visits) {
                if (v.plan().equals(plan)) {
                    candidates.add(v);
                }
            }
        }
        if (candidates.isEmpty()) {
            candidates.addAll(visits);
        }
        return candidates.get(rnd.nextInt(candidates.size()));
    }

    /** Person {@code person}'s bill for {@code v}, under message id {@code messageId}. */
    static SettleRequest request(Visit3 v, int person, String messageId, SplittableRandom rnd) {
        VisitType type = v.kind().type();
        Visit.Builder visit = Visit.newBuilder().setType(type).setUseAccount(rnd.nextInt(4) != 0);
        if (type == VisitType.INPATIENT) {
            visit.setDays(3 + rnd.nextInt(10));
        } else if (type == VisitType.EMERGENCY_OUTPATIENT) {
            visit.setDays(1);
        }
        SettleRequest.Builder b = SettleRequest.newBuilder().setInstitutionCode(v.institution())
                .setMessageId(messageId)
                .setCredential(Credential.newBuilder().setType(CredentialType.E_VOUCHER).setValue(voucher(person)))
                .setSettleDate(String.format("2026-%02d-%02d", 1 + rnd.nextInt(11), 1 + rnd.nextInt(28)))
                .setVisit(visit);
        boolean inpatient = type == VisitType.INPATIENT;
        Category[] mix = inpatient ? INPATIENT_LINES : OUTPATIENT_LINES;
        for (int i = 0; i < v.kind().lines(); i++) {
            Category c = mix[i % mix.length];
            long price = inpatient ? 500 + rnd.nextInt(60_000) : 300 + rnd.nextInt(8_000);
            b.addLines(BillLine.newBuilder().setId("L" + i).setCategory(c).setUnitPrice(price)
                    .setQty(c == Category.BED ? visit.getDays() : 1 + rnd.nextInt(3)));
        }
        return b.build();
    }
}
