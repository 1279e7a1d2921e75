package cn.onestop.enrolment;

import cn.onestop.csv.Cells;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.rules.Scheme;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one persons file as its records are read, with the checks across records: a
 * person_id given twice, a credential given to two persons (both ignoring case). These checks see
 * every record, also those with other errors.
 */
final class PersonRows {
    private record Owner(String personId, long line) {}

    private final PersonRecordReader reader;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Long> idLines = new HashMap<>();
    private final List<Map<String, Owner>> credentialOwners =
            List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());

    PersonRows(Map<String, Scheme> plans, Map<String, String> planRegions) {
        this.reader = new PersonRecordReader(plans, planRegions);
    }

    /** The valid rows so far, in file order. */
    List<Row> rows() {
        return rows;
    }

    /** Reads one record. */
    void add(Cells c) {
        Row row = reader.read(c);
        String id = c.get("person_id");
        checkId(c, id);
        checkCredentials(c, id);
        if (row != null && !c.failed()) {
            rows.add(row);
        }
    }

    private void checkId(Cells c, String id) {
        if (id.isEmpty()) {
            return;
        }
        Long first = idLines.putIfAbsent(Keys.key(id), c.line());
        if (first != null) {
            c.error("person_id", "duplicate person_id " + id + " (first on line " + first + ")");
        }
    }

    private void checkCredentials(Cells c, String id) {
        for (int t = 0; t < 3; t++) {
            String col = PersonCsv.CREDENTIAL_COLUMNS.get(t);
            String v = PersonCsv.credentialValue(t + 1, c.get(col));
            if (v.isEmpty()) {
                continue;
            }
            Owner first = credentialOwners.get(t).putIfAbsent(Keys.key(v), new Owner(id, c.line()));
            if (first != null && !first.personId().equalsIgnoreCase(id)) {
                c.error(
                        col,
                        col
                                + " "
                                + v
                                + " is also given to person "
                                + first.personId()
                                + " on line "
                                + first.line());
            }
        }
    }
}
