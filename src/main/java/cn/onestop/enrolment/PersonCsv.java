package cn.onestop.enrolment;

import cn.onestop.csv.Columns;
import cn.onestop.csv.CsvFile;
import cn.onestop.kernel.RowError;
import cn.onestop.request.Accumulator;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.PersonStatus;
import cn.onestop.rules.Scheme;
import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The enrolment (persons) CSV: reading and validating it, without touching the database.
 * Records are read with {@link CsvFile}; {@code PersonRecordReader} makes one record a {@link Row},
 * {@code PersonRows} checks across records.
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
 *   <tr><td>insuplc_admdvs</td><td>optional column; 6 digits</td><td>参保地: the insured region
 *       (admin-division code); empty or left out = the plan's insured region from the centre rules
 *       ({@code insured_regions}: NM-REGION-EMPLOYEE 159900, WUHAI-EMPLOYEE 150300, CHIFENG-RESIDENT 150400)</td></tr>
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

    /** Columns the header may leave out. */
    public static final List<String> OPTIONAL_COLUMNS = List.of("insuplc_admdvs");

    /** The credential columns, index = cert_type - 1. */
    static final List<String> CREDENTIAL_COLUMNS =
            List.of("e_voucher", "id_card", "social_security_card");

    private static final Columns HEADER = Columns.exactly(COLUMNS, OPTIONAL_COLUMNS);

    /** A medical-assistance identity; {@code to} null = open-ended. */
    public record Assistance(AssistanceCategory category, LocalDate from, LocalDate to) {}

    /**
     * One valid record.
     *
     * @param credentials cert_type (1..3) → value, only those given
     * @param openingAccumulators the given accumulators (others are 0); empty when none
     * @param openingYear null when not given
     * @param insuredRegion 参保地, six digits: the file's, or the plan's
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
            Map<Accumulator, Long> openingAccumulators,
            String insuredRegion) {

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
    private final Map<String, String> planRegions;

    /**
     * @param planScheme every known plan → its scheme, {@code "EMPLOYEE"} or {@code "RESIDENT"}
     *     (e.g. from the rule book)
     * @param planRegions plan → the insured region of its persons when the file gives none (the
     *     centre rules' {@code insured_regions}); a plan without one needs the column
     */
    public PersonCsv(Map<String, String> planScheme, Map<String, String> planRegions) {
        this.planRegions = Map.copyOf(planRegions);
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
        PersonRows rows = new PersonRows(plans, planRegions);
        CsvFile file = CsvFile.read(in, HEADER, rows::add);
        return new Parsed(rows.rows(), file.errors(), file.records());
    }

    /** The stored form of a credential value (ID numbers with an upper-case X). */
    static String credentialValue(int certType, String raw) {
        String v = raw.trim();
        return certType == 2 ? v.toUpperCase(Locale.ROOT) : v;
    }
}
