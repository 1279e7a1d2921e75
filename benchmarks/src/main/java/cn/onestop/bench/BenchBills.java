package cn.onestop.bench;

import cn.onestop.request.Accumulators;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.Filing;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Realistic inpatient bills for the benchmarks: a discharge with a mix of every line category. */
public final class BenchBills {
    private BenchBills() {
    }

    /** A retired civil servant's stay at a grade-3A hospital, {@code n} lines, fixed seed. */
    public static SettlementRequest inpatient(int n) {
        SplittableRandom rnd = new SplittableRandom(n);
        List<BillLine> lines = new ArrayList<>(n);
        Category[] mix = {Category.A, Category.A, Category.A, Category.B, Category.B, Category.CONSUMABLE,
                Category.BED, Category.SELF, Category.BLOOD, Category.A};
        for (int i = 0; i < n; i++) {
            Category c = mix[i % mix.length];
            long price = 500 + rnd.nextLong(200_000);
            long qty = c == Category.BED ? 1 + rnd.nextInt(10) : 1 + rnd.nextInt(3);
            int ratio = c == Category.CONSUMABLE ? 1000 + rnd.nextInt(3000) : BillLine.NO_RATIO;
            lines.add(new BillLine("L" + i, c, price, qty, ratio, false, false));
        }
        Person person = new Person(PersonStatus.RETIRED, true, false, CrDisabled.NONE, false, List.of(), null, null,
                null, false, 300_000, null);
        return new SettlementRequest("NM-REGION-EMPLOYEE", LocalDate.of(2025, 6, 1), person,
                new Institution(3, Grade.A, InstitutionKind.HOSPITAL, false, false, true),
                new Visit(VisitType.INPATIENT, Filing.LOCAL, true, 8), Accumulators.ZERO, lines);
    }
}
