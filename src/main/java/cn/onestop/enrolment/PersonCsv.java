package cn.onestop.enrolment;

import cn.onestop.kernel.RowError;

import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.PersonStatus;
import cn.onestop.rules.Scheme;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The enrolment (persons) CSV: reading and validating it, without touching the database.
 *
 * <p>UTF-8 (a leading BOM is ignored), RFC 4180 (fields with a comma, a quote or a line break are
 * quoted with {@code "}), one header row naming every column below exactly once, in any order;
 * values are trimmed; blank lines are skipped. Line numbers in errors are physical lines, the
 * header being line 1.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>person_id</td><td>text, required, ≤ 32, no spaces</td><td>人员编号; unique in the file</td></tr>
 *   <tr><td>name</td><td>text, required, ≤ 100</td><td>姓名</td></tr>
 *   <tr><td>plan</td><td>required, a known plan</td><td>e.g. NM-REGION-EMPLOYEE, WUHAI-EMPLOYEE, CHIFENG-RESIDENT</td></tr>
 *   <tr><td>status</td><td>ACTIVE / RETIRED / RESIDENT / OTHER_CHANNEL</td><td>must fit the plan's scheme:
 *       EMPLOYEE plans take ACTIVE, RETIRED, OTHER_CHANNEL; RESIDENT plans take RESIDENT, OTHER_CHANNEL</td></tr>
 *   <tr><td>civil_servant</td><td>boolean</td><td>公务员医疗补助</td></tr>
 *   <tr><td>medical_care</td><td>boolean</td><td>医疗照顾人员</td></tr>
 *   <tr><td>cr_disabled</td><td>NONE / DISABLED / DISABLED_SENIOR, empty = NONE</td><td>文革基残</td></tr>
 *   <tr><td>arrears</td><td>boolean</td><td>欠费 (contributions in arrears)</td></tr>
 *   <tr><td>benefit_start</td><td>date</td><td>待遇享受起始日; required for status RESIDENT</td></tr>
 *   <tr><td>birth_date</td><td>date</td><td>newborns (R §11)</td></tr>
 *   <tr><td>enrolled_on</td><td>date</td><td>参保登记日; not before birth_date</td></tr>
 *   <tr><td>student</td><td>boolean</td><td>在校学生 (R §25)</td></tr>
 *   <tr><td>e_voucher</td><td>text ≤ 128</td><td>credential cert_type 1 (医保电子凭证 token)</td></tr>
 *   <tr><td>id_card</td><td>18 characters: 17 digits and a digit or X</td><td>credential cert_type 2 (身份证号)</td></tr>
 *   <tr><td>social_security_card</td><td>text ≤ 128</td><td>credential cert_type 3 (社保卡号)</td></tr>
 *   <tr><td>account_balance</td><td>whole fen ≥ 0, empty = 0</td><td>opening balance of the personal account</td></tr>
 *   <tr><td>assistance</td><td>{@code CATEGORY:from:to} items separated by {@code ;}</td><td>medical-assistance
 *       identities; {@code to} empty (or left out) = open-ended; e.g.
 *       {@code SUBSISTENCE:2024-01-01:;AT_RISK:2025-03-01:2025-12-31}</td></tr>
 *   <tr><td>opening_year</td><td>year 2000..2100</td><td>the year of opening_accumulators</td></tr>
 *   <tr><td>opening_accumulators</td><td>{@code key=value;key=value}</td><td>{@link Accumulator#key()} names,
 *       values ≥ 0 (fen, or counts for admissions / observation_visits), e.g.
 *       {@code admissions=1;pool_paid=2700000}; requires opening_year</td></tr>
 * </table>
 *
 * <p>Booleans are {@code true} / {@code false} (any case), empty = false. Dates are {@code
 * YYYY-MM-DD}, empty = none. At least one of the three credentials is required; a credential may
 * belong to one person only. Enum values are matched ignoring case.
 */
public final class PersonCsv {
    /** The columns, in the documented order. */
    public static final List<String> COLUMNS =
            List.of(
                    "person_id",
                    "name",
                    "plan",
                    "status",
                    "civil_servant",
                    "medical_care",
                    "cr_disabled",
                    "arrears",
                    "benefit_start",
                    "birth_date",
                    "enrolled_on",
                    "student",
                    "e_voucher",
                    "id_card",
                    "social_security_card",
                    "account_balance",
                    "assistance",
                    "opening_year",
                    "opening_accumulators");

    /** The credential columns, index = cert_type - 1. */
    static final List<String> CREDENTIAL_COLUMNS =
            List.of("e_voucher", "id_card", "social_security_card");

    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");

    /** A medical-assistance identity; {@code to} null = open-ended. */
    public record Assistance(AssistanceCategory category, LocalDate from, LocalDate to) {}

    /**
     * One valid record.
     *
     * @param credentials cert_type (1..3) → value, only those given
     * @param openingAccumulators the given accumulators (others are 0); empty when none
     * @param openingYear null when not given
     */
    public record Row(
            long line,
            String personId,
            String name,
            String plan,
            PersonStatus status,
            boolean civilServant,
            boolean medicalCare,
            CrDisabled crDisabled,
            boolean arrears,
            LocalDate benefitStart,
            LocalDate birthDate,
            LocalDate enrolledOn,
            boolean student,
            Map<Integer, String> credentials,
            long accountBalance,
            List<Assistance> assistance,
            Integer openingYear,
            Map<Accumulator, Long> openingAccumulators) {

        /** The opening accumulators as a full vector in {@link Accumulator} order. */
        public long[] openingVector() {
            long[] v = new long[Accumulator.count()];
            openingAccumulators.forEach((a, x) -> v[a.ordinal()] = x);
            return v;
        }

        /** Whether this row asks for an opening accumulator row. */
        public boolean hasOpening() {
            return openingYear != null && !openingAccumulators.isEmpty();
        }
    }

    /**
     * The file read: the valid rows (only meaningful when {@code errors} is empty), every error
     * found, and how many data records there were.
     */
    public record Parsed(List<Row> rows, List<RowError> errors, int records) {}

    private final Map<String, Scheme> plans;

    /**
     * @param planScheme every known plan → its scheme, {@code "EMPLOYEE"} or {@code "RESIDENT"}
     *     (e.g. from the rule book)
     */
    public PersonCsv(Map<String, String> planScheme) {
        Map<String, Scheme> m = new TreeMap<>();
        planScheme.forEach(
                (plan, scheme) ->
                        m.put(
                                Objects.requireNonNull(plan),
                                Scheme.valueOf(scheme.trim().toUpperCase(Locale.ROOT))));
        this.plans = Collections.unmodifiableMap(m);
    }

    /** The known plans and their schemes. */
    public Map<String, Scheme> plans() {
        return plans;
    }

    /** Reads and validates the whole file: every bad record is reported, not only the first. */
    public Parsed read(Reader in) throws IOException {
        List<RowError> errors = new ArrayList<>();
        List<Record> records = readRecords(in, COLUMNS, errors);
        List<Row> rows = new ArrayList<>(records.size());
        Map<String, Long> idLines = new HashMap<>(records.size() * 2);
        List<Map<String, Owner>> credentialOwners = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            credentialOwners.add(new HashMap<>(records.size() * 2));
        }
        for (Record rec : records) {
            if (rec.values() == null) {
                continue; // wrong number of fields: already reported
            }
            Cells c = new Cells(rec, errors);
            Row row = parseRow(c);
            // file-level checks, also for rows that have other errors
            String id = rec.get("person_id");
            if (!id.isEmpty()) {
                Long first = idLines.putIfAbsent(id.toLowerCase(Locale.ROOT), rec.line());
                if (first != null) {
                    c.error(
                            "person_id",
                            "duplicate person_id " + id + " (first on line " + first + ")");
                }
            }
            for (int t = 0; t < 3; t++) {
                String col = CREDENTIAL_COLUMNS.get(t);
                String v = credentialValue(t + 1, rec.get(col));
                if (v.isEmpty()) {
                    continue;
                }
                Owner first =
                        credentialOwners
                                .get(t)
                                .putIfAbsent(v.toLowerCase(Locale.ROOT), new Owner(id, rec.line()));
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
            if (row != null && !c.failed()) {
                rows.add(row);
            }
        }
        errors.sort(Comparator.comparingLong(RowError::line));
        return new Parsed(rows, errors, records.size());
    }

    private record Owner(String personId, long line) {}

    /** The stored form of a credential value (ID numbers with an upper-case X). */
    static String credentialValue(int certType, String raw) {
        String v = raw.trim();
        return certType == 2 ? v.toUpperCase(Locale.ROOT) : v;
    }

    private Row parseRow(Cells c) {
        String personId = c.text("person_id", true, 32);
        if (personId != null && !NO_SPACE.matcher(personId).matches()) {
            c.error("person_id", "must not contain spaces");
        }
        String name = c.text("name", true, 100);
        String plan = c.text("plan", true, 64);
        Scheme scheme = null;
        if (plan != null) {
            scheme = plans.get(plan);
            if (scheme == null) {
                c.error(
                        "plan",
                        "unknown plan "
                                + plan
                                + " (known: "
                                + String.join(", ", plans.keySet())
                                + ")");
            }
        }
        PersonStatus status = c.enumValue("status", PersonStatus.class, null);
        if (status == null && c.get("status").isEmpty()) {
            c.error("status", "is required");
        }
        if (status != null && scheme != null && !scheme.fits(status)) {
            c.error(
                    "status",
                    "status "
                            + status
                            + " does not fit plan "
                            + plan
                            + " ("
                            + scheme
                            + " scheme takes "
                            + (scheme == Scheme.EMPLOYEE ? "ACTIVE, RETIRED" : "RESIDENT")
                            + " or OTHER_CHANNEL)");
        }
        boolean civilServant = c.bool("civil_servant");
        boolean medicalCare = c.bool("medical_care");
        CrDisabled cr = c.enumValue("cr_disabled", CrDisabled.class, CrDisabled.NONE);
        boolean arrears = c.bool("arrears");
        LocalDate benefitStart = c.date("benefit_start");
        LocalDate birthDate = c.date("birth_date");
        LocalDate enrolledOn = c.date("enrolled_on");
        boolean student = c.bool("student");
        if (status == PersonStatus.RESIDENT
                && scheme == Scheme.RESIDENT
                && benefitStart == null
                && c.get("benefit_start").isEmpty()) {
            c.error("benefit_start", "is required for a resident");
        }
        if (birthDate != null && enrolledOn != null && enrolledOn.isBefore(birthDate)) {
            c.error(
                    "enrolled_on",
                    "enrolled_on " + enrolledOn + " is before birth_date " + birthDate);
        }
        Map<Integer, String> credentials = new TreeMap<>();
        for (int t = 1; t <= 3; t++) {
            String col = CREDENTIAL_COLUMNS.get(t - 1);
            String v = credentialValue(t, c.get(col));
            if (v.isEmpty()) {
                continue;
            }
            if (v.length() > 128) {
                c.error(col, "longer than 128 characters");
            } else if (t == 2 && !ID_NUMBER.matcher(v).matches()) {
                c.error(
                        col,
                        "ID number must be 18 characters, 17 digits and a digit or X (got \""
                                + v
                                + "\", "
                                + v.length()
                                + " characters)");
            } else if (!NO_SPACE.matcher(v).matches()) {
                c.error(col, "must not contain spaces");
            } else {
                credentials.put(t, v);
            }
        }
        if (CREDENTIAL_COLUMNS.stream().allMatch(col -> c.get(col).isEmpty())) {
            c.error(
                    "e_voucher",
                    "at least one credential (e_voucher, id_card, social_security_card) is"
                        + " required");
        }
        long balance = c.fen("account_balance");
        List<Assistance> assistance = assistance(c);
        Integer openingYear = null;
        String yearText = c.get("opening_year");
        if (!yearText.isEmpty()) {
            try {
                int y = Integer.parseInt(yearText);
                if (y < 2000 || y > 2100) {
                    c.error("opening_year", "must be a year 2000..2100, got " + y);
                } else {
                    openingYear = y;
                }
            } catch (NumberFormatException e) {
                c.error("opening_year", "not a year: \"" + yearText + "\"");
            }
        }
        Map<Accumulator, Long> opening = openingAccumulators(c);
        if (!opening.isEmpty() && yearText.isEmpty()) {
            c.error("opening_year", "is required when opening_accumulators are given");
        }
        if (c.failed()) {
            return null;
        }
        return new Row(
                c.line(),
                personId,
                name,
                plan,
                status,
                civilServant,
                medicalCare,
                cr,
                arrears,
                benefitStart,
                birthDate,
                enrolledOn,
                student,
                Collections.unmodifiableMap(credentials),
                balance,
                List.copyOf(assistance),
                openingYear,
                Collections.unmodifiableMap(opening));
    }

    private static List<Assistance> assistance(Cells c) {
        String text = c.get("assistance");
        List<Assistance> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        Set<String> keys = new HashSet<>();
        for (String item : text.split(";")) {
            item = item.trim();
            if (item.isEmpty()) {
                continue;
            }
            String[] p = item.split(":", -1);
            if (p.length < 2 || p.length > 3) {
                c.error("assistance", "\"" + item + "\" is not CATEGORY:from:to");
                continue;
            }
            AssistanceCategory cat = parseEnum(AssistanceCategory.class, p[0].trim());
            if (cat == null) {
                c.error(
                        "assistance",
                        "unknown category \""
                                + p[0].trim()
                                + "\" (one of "
                                + Arrays.toString(AssistanceCategory.values())
                                + ")");
                continue;
            }
            LocalDate from = parseDate(p[1].trim());
            LocalDate to = p.length == 3 && !p[2].isBlank() ? parseDate(p[2].trim()) : null;
            if (from == null) {
                c.error("assistance", "\"" + item + "\": from must be a date YYYY-MM-DD");
                continue;
            }
            if (p.length == 3 && !p[2].isBlank() && to == null) {
                c.error("assistance", "\"" + item + "\": to must be a date YYYY-MM-DD or empty");
                continue;
            }
            if (to != null && to.isBefore(from)) {
                c.error("assistance", "\"" + item + "\": to is before from");
                continue;
            }
            if (!keys.add(cat + "@" + from)) {
                c.error(
                        "assistance",
                        "\"" + item + "\": " + cat + " from " + from + " given twice");
                continue;
            }
            out.add(new Assistance(cat, from, to));
        }
        return out;
    }

    private static Map<Accumulator, Long> openingAccumulators(Cells c) {
        String text = c.get("opening_accumulators");
        Map<Accumulator, Long> out = new EnumMap<>(Accumulator.class);
        if (text.isEmpty()) {
            return out;
        }
        for (String item : text.split(";")) {
            item = item.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                c.error("opening_accumulators", "\"" + item + "\" is not key=value");
                continue;
            }
            String key = item.substring(0, eq).trim();
            Accumulator a = Accumulator.byKey(key);
            if (a == null) {
                List<String> known = new ArrayList<>();
                for (Accumulator x : Accumulator.values()) {
                    known.add(x.key());
                }
                c.error(
                        "opening_accumulators",
                        "unknown accumulator \""
                                + key
                                + "\" (one of "
                                + String.join(", ", known)
                                + ")");
                continue;
            }
            String value = item.substring(eq + 1).trim();
            long v;
            try {
                v = Long.parseLong(value);
            } catch (NumberFormatException e) {
                c.error("opening_accumulators", key + ": not a whole number: \"" + value + "\"");
                continue;
            }
            if (v < 0) {
                c.error("opening_accumulators", key + ": must be ≥ 0, got " + v);
                continue;
            }
            if (out.put(a, v) != null) {
                c.error("opening_accumulators", key + " given twice");
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------
    // Shared CSV plumbing (also used by InstitutionImport).

    /**
     * One data record: its first physical line and its values by column (trimmed); {@code values}
     * is null for a record that could not be split into the header's columns (already reported).
     */
    record Record(long line, Map<String, String> values) {
        String get(String column) {
            String v = values == null ? null : values.get(column);
            return v == null ? "" : v;
        }
    }

    /**
     * Reads a CSV with a header that must name exactly {@code columns} (any order). Header problems
     * and records with the wrong number of fields are added to {@code errors}; the latter are
     * returned with null {@code values} so that they are counted. Blank lines are skipped.
     */
    static List<Record> readRecords(Reader in, List<String> columns, List<RowError> errors)
            throws IOException {
        return readRecords(in, columns, List.of(), errors);
    }

    /**
     * {@link #readRecords(Reader, List, List)} with {@code optional} columns the header may name
     * (once) or leave out; a column left out reads as empty.
     */
    static List<Record> readRecords(
            Reader in, List<String> columns, List<String> optional, List<RowError> errors)
            throws IOException {
        PushbackReader r = new PushbackReader(in, 1);
        int first = r.read();
        if (first != -1 && first != '\uFEFF') {
            r.unread(first);
        }
        CSVFormat format =
                CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).setTrim(true).get();
        List<Record> out = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(r, format)) {
            Iterator<CSVRecord> it = parser.iterator();
            long before = parser.getCurrentLineNumber();
            String[] header = null;
            try {
                while (it.hasNext()) {
                    CSVRecord rec = it.next();
                    long line = before + 1;
                    before = parser.getCurrentLineNumber();
                    if (rec.size() == 1 && rec.get(0).isEmpty()) {
                        continue; // blank line
                    }
                    if (header == null) {
                        header = rec.values();
                        if (!checkHeader(line, header, columns, optional, errors)) {
                            return out;
                        }
                        continue;
                    }
                    if (rec.size() != header.length) {
                        errors.add(
                                new RowError(
                                        line,
                                        RowError.ROW,
                                        "has "
                                                + rec.size()
                                                + " fields, the header has "
                                                + header.length));
                        out.add(new Record(line, null)); // counted, not valid
                        continue;
                    }
                    Map<String, String> values = new HashMap<>(header.length * 2);
                    for (int i = 0; i < header.length; i++) {
                        values.put(header[i], rec.get(i));
                    }
                    out.add(new Record(line, values));
                }
            } catch (java.io.UncheckedIOException | IllegalStateException e) {
                errors.add(
                        new RowError(
                                before + 1,
                                RowError.ROW,
                                "cannot be read as CSV: " + e.getMessage()));
                return out;
            }
            if (header == null) {
                errors.add(
                        new RowError(
                                1,
                                RowError.ROW,
                                "empty file: a header row is required ("
                                        + String.join(",", columns)
                                        + ")"));
            }
        }
        return out;
    }

    private static boolean checkHeader(
            long line,
            String[] header,
            List<String> columns,
            List<String> optional,
            List<RowError> errors) {
        boolean ok = true;
        Set<String> seen = new HashSet<>();
        for (String h : header) {
            if (!seen.add(h)) {
                errors.add(new RowError(line, h, "column given twice in the header"));
                ok = false;
            } else if (!columns.contains(h) && !optional.contains(h)) {
                errors.add(
                        new RowError(
                                line,
                                h,
                                "unknown column (expected "
                                        + String.join(",", columns)
                                        + (optional.isEmpty()
                                                ? ""
                                                : "; optional " + String.join(",", optional))
                                        + ")"));
                ok = false;
            }
        }
        for (String col : columns) {
            if (!seen.contains(col)) {
                errors.add(new RowError(line, col, "missing column in the header"));
                ok = false;
            }
        }
        return ok;
    }

    static LocalDate parseDate(String s) {
        if (s.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static <E extends Enum<E>> E parseEnum(Class<E> type, String s) {
        try {
            return Enum.valueOf(type, s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Typed access to one record's cells; every problem becomes a {@link RowError}. */
    static final class Cells {
        private final Record rec;
        private final List<RowError> errors;
        private int count;

        Cells(Record rec, List<RowError> errors) {
            this.rec = rec;
            this.errors = errors;
        }

        long line() {
            return rec.line();
        }

        boolean failed() {
            return count > 0 || rec.values() == null;
        }

        void error(String field, String message) {
            errors.add(new RowError(rec.line(), field, message));
            count++;
        }

        String get(String column) {
            return rec.values() == null ? "" : rec.get(column);
        }

        String text(String column, boolean required, int maxLength) {
            String v = get(column);
            if (v.isEmpty()) {
                if (required && rec.values() != null) {
                    error(column, "is required");
                }
                return null;
            }
            if (v.length() > maxLength) {
                error(column, "longer than " + maxLength + " characters");
                return null;
            }
            return v;
        }

        boolean bool(String column) {
            String v = get(column);
            if (v.isEmpty() || v.equalsIgnoreCase("false")) {
                return false;
            }
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            error(column, "must be true or false (or empty), got \"" + v + "\"");
            return false;
        }

        LocalDate date(String column) {
            String v = get(column);
            if (v.isEmpty()) {
                return null;
            }
            LocalDate d = parseDate(v);
            if (d == null) {
                error(column, "must be a date YYYY-MM-DD, got \"" + v + "\"");
            }
            return d;
        }

        <E extends Enum<E>> E enumValue(String column, Class<E> type, E ifEmpty) {
            String v = get(column);
            if (v.isEmpty()) {
                return ifEmpty;
            }
            E e = parseEnum(type, v);
            if (e == null) {
                error(
                        column,
                        "must be one of "
                                + Arrays.toString(type.getEnumConstants())
                                + ", got \""
                                + v
                                + "\"");
            }
            return e;
        }

        /** Whole fen ≥ 0, empty = 0. */
        long fen(String column) {
            String v = get(column);
            if (v.isEmpty()) {
                return 0;
            }
            try {
                long x = Long.parseLong(v);
                if (x < 0) {
                    error(column, "must be ≥ 0 fen, got " + x);
                    return 0;
                }
                return x;
            } catch (NumberFormatException e) {
                error(column, "must be whole fen (an integer, 1 yuan = 100), got \"" + v + "\"");
                return 0;
            }
        }

        int intRange(String column, int min, int max) {
            String v = get(column);
            if (v.isEmpty()) {
                if (rec.values() != null) {
                    error(column, "is required");
                }
                return min;
            }
            try {
                int x = Integer.parseInt(v);
                if (x < min || x > max) {
                    error(column, "must be " + min + ".." + max + ", got " + x);
                }
                return x;
            } catch (NumberFormatException e) {
                error(column, "must be an integer " + min + ".." + max + ", got \"" + v + "\"");
                return min;
            }
        }
    }
}
