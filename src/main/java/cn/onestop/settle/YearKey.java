package cn.onestop.settle;

import java.util.Comparator;
import java.util.Objects;

/** One person's accumulator row: person, plan, year. Ordered, so rows are always locked in one order. */
public record YearKey(String personId, String plan, int year) implements Comparable<YearKey> {
    private static final Comparator<YearKey> ORDER = Comparator.comparing(YearKey::personId)
            .thenComparing(YearKey::plan).thenComparingInt(YearKey::year);

    public YearKey {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(plan, "plan");
    }

    @Override
    public int compareTo(YearKey o) {
        return ORDER.compare(this, o);
    }
}
