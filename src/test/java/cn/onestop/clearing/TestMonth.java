package cn.onestop.clearing;

import cn.onestop.centre.ClearingCategory;
import cn.onestop.centre.ClearingType;
import cn.onestop.centre.InsuranceType;
import cn.onestop.engine.FundPayment;
import cn.onestop.engine.SetlInfo;
import cn.onestop.request.VisitType;
import cn.onestop.settle.Reversed;
import cn.onestop.settle.Settled;
import cn.onestop.settle.SettlementRecord;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static cn.onestop.clearing.ClearingFixture.BEIJING;
import static cn.onestop.clearing.ClearingFixture.HOHHOT;
import static cn.onestop.clearing.ClearingFixture.WUHAI;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A month of June 2025 at 内蒙古自治区人民医院 (Hohhot) and two other hospitals, made on a clock that moves:
 * settlements over three days and the month's last moment, reversals made after the day's close, a
 * settlement dated in a closed day, cross-region cases of all three plans, and July's first entries.
 * Everything the clearing tests compare against is taken from what Settle and Reverse answered.
 */
final class TestMonth {
    final ClearingFixture f;
    final Map<String, Settled> s = new LinkedHashMap<>();
    final Map<String, Reversed> r = new LinkedHashMap<>();
    /** The first close of 2025-06-02, made before any reversal. */
    DayClose firstClose;
    /** Closing 2025-06-02 before its grace passed. */
    cn.onestop.kernel.Result<DayClose> tooEarly;

    TestMonth(String name) throws Exception {
        f = new ClearingFixture(name);
        for (String e : List.of("E1", "E2", "E3", "E4")) {
            f.person(e, "NM-REGION-EMPLOYEE", "ACTIVE", null);
        }
        f.person("R1", "CHIFENG-RESIDENT", "RESIDENT", "2025-01-01");
        f.person("W1", "WUHAI-EMPLOYEE", "ACTIVE", null);
        LocalDate june2 = LocalDate.of(2025, 6, 2);

        f.clock.set("2025-06-02T09:00:00");
        s.put("s1", f.inpatient(HOHHOT, "E1", "m1", june2, 500_000));
        s.put("s2", f.settle(HOHHOT, "E2", "m2", june2, VisitType.GENERAL_OUTPATIENT, 30_000));
        s.put("s3", f.inpatient(HOHHOT, "R1", "m3", LocalDate.of(2025, 6, 1), 400_000));
        s.put("s4", f.settle(HOHHOT, "W1", "m4", june2, VisitType.GENERAL_OUTPATIENT, 20_000));
        f.clock.set("2025-06-02T23:59:59.500");
        s.put("s5", f.inpatient(HOHHOT, "E3", "m5", june2, 200_000));

        f.clock.set("2025-06-03T00:00:30");
        tooEarly = f.clearing.closeDay().close(ClearingFixture.at(HOHHOT), HOHHOT, june2);
        f.clock.set("2025-06-03T00:01:00");
        firstClose = f.clearing.closeDay().close(ClearingFixture.at(HOHHOT), HOHHOT, june2).value();
        f.clock.set("2025-06-03T09:00:00");
        r.put("r2", f.reverse(HOHHOT, id("s2"), "rv2"));
        s.put("s6", f.inpatient(HOHHOT, "E4", "m6", june2, 300_000)); // dated in the closed day
        r.put("r1", f.reverse(HOHHOT, id("s1"), "rv1"));

        f.clock.set("2025-06-04T10:00:00");
        s.put("s7", f.inpatient(BEIJING, "E1", "m7", LocalDate.of(2025, 6, 4), 600_000));
        f.clock.set("2025-06-04T10:05:00"); // committed after s7: on one instant the order would be the ids' (random)
        s.put("s8", f.inpatient(WUHAI, "E2", "m8", LocalDate.of(2025, 6, 4), 250_000));

        f.clock.set("2025-06-30T23:59:59");
        s.put("s9", f.inpatient(HOHHOT, "E2", "m9", LocalDate.of(2025, 6, 30), 150_000));
        f.clock.set("2025-07-01T00:00:10");
        s.put("s10", f.inpatient(HOHHOT, "E4", "m10", LocalDate.of(2025, 7, 1), 100_000));
        r.put("r3", f.reverse(HOHHOT, id("s3"), "rv3"));

        f.clock.set("2025-07-01T00:02:00");
    }

    String id(String key) {
        return s.get(key).record().settlementId();
    }

    SetlInfo amounts(String key) {
        return s.get(key).record().bill().split().amounts();
    }

    SettlementRecord record(String key) {
        return s.get(key).record();
    }

    /** The ledger's lines of the June entries at Hohhot, as the centre's detail file would list them. */
    List<String> centreLines() {
        List<String> out = new ArrayList<>();
        for (String k : List.of("s1", "s2", "s3", "s4", "s5", "s6", "s9")) {
            SetlInfo a = amounts(k);
            out.add(line(id(k), id(k), record(k).personId(), a, 1, 0));
        }
        for (String k : List.of("r1", "r2")) {
            Reversed x = r.get(k);
            SetlInfo a = x.record().bill().split().amounts();
            out.add(line(x.reversalId(), x.record().settlementId(), x.record().personId(), a, -1, 1));
        }
        return out;
    }

    static String line(String setlId, String mdtrtId, String psnNo, SetlInfo a, int sign, int flag) {
        return String.join("\t", setlId, mdtrtId, psnNo, Yuan.format(sign * a.medfeeSumamt()),
                Yuan.format(sign * a.fundPaySumamt()), Yuan.format(sign * a.acctPay()), Integer.toString(flag));
    }

    /** A combination of insurance type, clearing type and category. */
    record Key(InsuranceType insutype, ClearingType type, ClearingCategory category) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = insutype.compareTo(o.insutype);
            c = c != 0 ? c : type.compareTo(o.type);
            return c != 0 ? c : category.compareTo(o.category);
        }
    }

    /** What Settle and Reverse answered, summed by combination for the settlements {@code keys} and reversals. */
    Map<Key, Figures> expected(List<String> settlements, List<String> reversals) {
        Map<Key, long[]> sums = new TreeMap<>();
        for (String k : settlements) {
            add(sums, record(k), 1);
        }
        for (String k : reversals) {
            add(sums, r.get(k).record(), -1);
        }
        Map<Key, Figures> out = new TreeMap<>();
        sums.forEach((k, v) -> out.put(k, new Figures(v[0], v[1], v[2], v[3])));
        return out;
    }

    private static void add(Map<Key, long[]> sums, SettlementRecord rec, int sign) {
        SetlInfo a = rec.bill().split().amounts();
        long[] v = sums.computeIfAbsent(new Key(rec.clearing().insuranceType(), rec.clearing().type(),
                rec.clearing().category()), x -> new long[4]);
        v[0] += sign * a.medfeeSumamt();
        v[1] += sign * a.fundPaySumamt();
        v[2] += sign * a.acctPay();
        v[3] += sign;
    }

    /** Fund type → net amount over the settlements and reversals named. */
    Map<String, Long> funds(List<String> settlements, List<String> reversals) {
        Map<String, Long> out = new TreeMap<>();
        for (String k : settlements) {
            for (FundPayment p : record(k).bill().split().funds()) {
                out.merge(p.fund().code(), p.amount(), Long::sum);
            }
        }
        for (String k : reversals) {
            for (FundPayment p : r.get(k).record().bill().split().funds()) {
                out.merge(p.fund().code(), -p.amount(), Long::sum);
            }
        }
        return out;
    }

    static void assertFigures(Figures expected, DayClose.Group g) {
        assertEquals(expected, new Figures(g.medfeeSumamt(), g.fundPaySumamt(), g.acctPay(), g.net()));
    }
}
