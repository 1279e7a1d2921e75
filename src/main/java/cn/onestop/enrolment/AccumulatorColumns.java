package cn.onestop.enrolment;

import cn.onestop.request.Accumulator;
import java.util.StringJoiner;

/** The accumulator columns of the accumulators and accumulator_journal tables, in {@link Accumulator} order. */
final class AccumulatorColumns {
    /** {@code admissions, inpatient_inscp, …} */
    static final String NAMES;
    /** One {@code ?} per column. */
    static final String MARKS;

    static {
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner marks = new StringJoiner(", ");
        for (Accumulator a : Accumulator.values()) {
            cols.add(a.key());
            marks.add("?");
        }
        NAMES = cols.toString();
        MARKS = marks.toString();
    }

    private AccumulatorColumns() {}
}
