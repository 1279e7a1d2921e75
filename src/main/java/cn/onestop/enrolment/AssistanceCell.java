package cn.onestop.enrolment;

import cn.onestop.csv.Cells;
import cn.onestop.csv.Choice;
import cn.onestop.csv.Values;
import cn.onestop.enrolment.PersonCsv.Assistance;
import cn.onestop.request.AssistanceCategory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The assistance cell of a persons record: {@code CATEGORY:from:to} items separated by {@code ;},
 * {@code to} empty or left out for open-ended; a category may start on one date once.
 */
final class AssistanceCell {
    static final String COLUMN = "assistance";
    private static final Choice<AssistanceCategory> CATEGORY = Choice.of(AssistanceCategory.class);

    private AssistanceCell() {}

    /** The valid items; each bad one is reported and left out. */
    static List<Assistance> read(Cells c) {
        List<Assistance> out = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (String item : c.items(COLUMN, ';')) {
            Assistance a = item(c, item);
            if (a == null) {
                continue;
            }
            if (!keys.add(a.category() + "@" + a.from())) {
                c.error(
                        COLUMN,
                        "\"" + item + "\": " + a.category() + " from " + a.from() + " given twice");
                continue;
            }
            out.add(a);
        }
        return out;
    }

    private static Assistance item(Cells c, String item) {
        String[] p = item.split(":", -1);
        if (p.length < 2 || p.length > 3) {
            c.error(COLUMN, "\"" + item + "\" is not CATEGORY:from:to");
            return null;
        }
        AssistanceCategory cat = CATEGORY.parse(p[0].trim());
        if (cat == null) {
            c.error(
                    COLUMN,
                    "unknown category \"" + p[0].trim() + "\" (" + CATEGORY.expected() + ")");
            return null;
        }
        LocalDate from = Values.date(p[1].trim());
        boolean hasTo = p.length == 3 && !p[2].isBlank();
        LocalDate to = hasTo ? Values.date(p[2].trim()) : null;
        if (from == null) {
            c.error(COLUMN, "\"" + item + "\": from must be a date YYYY-MM-DD");
            return null;
        }
        if (hasTo && to == null) {
            c.error(COLUMN, "\"" + item + "\": to must be a date YYYY-MM-DD or empty");
            return null;
        }
        if (to != null && to.isBefore(from)) {
            c.error(COLUMN, "\"" + item + "\": to is before from");
            return null;
        }
        return new Assistance(cat, from, to);
    }
}
