package cn.onestop.enrolment;

import cn.onestop.centre.AdminDivision;
import cn.onestop.csv.Bounds;
import cn.onestop.csv.Cells;
import cn.onestop.enrolment.PersonCsv.Assistance;
import cn.onestop.enrolment.PersonCsv.Row;
import cn.onestop.request.Accumulator;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.PersonStatus;
import cn.onestop.rules.Scheme;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** One record of the persons file ({@link PersonCsv} documents the columns) as a {@link Row}. */
final class PersonRecordReader {
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dX]");
    private static final Pattern NO_SPACE = Pattern.compile("\\S+");
    private static final Bounds OPENING_YEAR =
            new Bounds(2000, 2100, "not a year: ", "must be a year 2000..2100, got ");

    private final Map<String, Scheme> plans;
    private final Map<String, String> planRegions;

    /**
     * @param plans every known plan and its scheme
     * @param planRegions plan → the insured region its persons have when the file gives none
     */
    PersonRecordReader(Map<String, Scheme> plans, Map<String, String> planRegions) {
        this.plans = plans;
        this.planRegions = planRegions;
    }

    /** The record as a row, or null when it has errors (each reported through {@code c}). */
    Row read(Cells c) {
        String personId = c.token("person_id", true, 32);
        String name = c.text("name", true, 100);
        String plan = c.text("plan", true, 64);
        Scheme scheme = scheme(c, plan);
        PersonStatus status = status(c, plan, scheme);
        boolean civilServant = c.bool("civil_servant");
        boolean medicalCare = c.bool("medical_care");
        CrDisabled cr = c.enumValue("cr_disabled", CrDisabled.class, CrDisabled.NONE);
        boolean arrears = c.bool("arrears");
        LocalDate benefitStart = c.date("benefit_start");
        LocalDate birthDate = c.date("birth_date");
        LocalDate enrolledOn = c.date("enrolled_on");
        boolean student = c.bool("student");
        checkDates(c, status == PersonStatus.RESIDENT && scheme == Scheme.RESIDENT, benefitStart,
                birthDate, enrolledOn);
        Map<Integer, String> credentials = credentials(c);
        long balance = c.fen("account_balance", 0);
        List<Assistance> assistance = AssistanceCell.read(c);
        Integer openingYear = c.integer("opening_year", OPENING_YEAR);
        Map<Accumulator, Long> opening = OpeningAccumulatorsCell.read(c);
        if (!opening.isEmpty() && c.isEmpty("opening_year")) {
            c.error("opening_year", "is required when opening_accumulators are given");
        }
        String region = insuredRegion(c, plan, scheme);
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
                Collections.unmodifiableMap(opening),
                region);
    }

    /** The file's insured region, or, when the cell is empty, the plan's. */
    private String insuredRegion(Cells c, String plan, Scheme scheme) {
        String given = c.get("insuplc_admdvs");
        if (!given.isEmpty()) {
            if (!AdminDivision.isCode(given)) {
                c.error("insuplc_admdvs", "must be a 6-digit admin-division code (e.g. 150400), got \"" + given + "\"");
                return null;
            }
            return given;
        }
        if (scheme == null) {
            return null; // the unknown plan is reported
        }
        String region = planRegions.get(plan);
        if (region == null) {
            c.error("insuplc_admdvs", "is required: the centre rules name no insured region for plan " + plan);
        }
        return region;
    }

    /** The scheme of a known plan; null (reported) for an unknown one. */
    private Scheme scheme(Cells c, String plan) {
        if (plan == null) {
            return null;
        }
        Scheme scheme = plans.get(plan);
        if (scheme == null) {
            c.error(
                    "plan",
                    "unknown plan " + plan + " (known: " + String.join(", ", plans.keySet()) + ")");
        }
        return scheme;
    }

    /** The status, which must fit the plan's scheme. */
    private static PersonStatus status(Cells c, String plan, Scheme scheme) {
        PersonStatus status =
                c.require("status") ? c.enumValue("status", PersonStatus.class, null) : null;
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
        return status;
    }

    /** A resident needs benefit_start; nobody is enrolled before being born. */
    private static void checkDates(
            Cells c,
            boolean resident,
            LocalDate benefitStart,
            LocalDate birthDate,
            LocalDate enrolledOn) {
        if (resident && benefitStart == null && c.isEmpty("benefit_start")) {
            c.error("benefit_start", "is required for a resident");
        }
        if (birthDate != null && enrolledOn != null && enrolledOn.isBefore(birthDate)) {
            c.error(
                    "enrolled_on",
                    "enrolled_on " + enrolledOn + " is before birth_date " + birthDate);
        }
    }

    /** cert_type (1..3) → value, for the credentials given; at least one is required. */
    private static Map<Integer, String> credentials(Cells c) {
        Map<Integer, String> credentials = new TreeMap<>();
        for (int t = 1; t <= 3; t++) {
            String col = PersonCsv.CREDENTIAL_COLUMNS.get(t - 1);
            String v = PersonCsv.credentialValue(t, c.get(col));
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
        if (PersonCsv.CREDENTIAL_COLUMNS.stream().allMatch(c::isEmpty)) {
            c.error(
                    "e_voucher",
                    "at least one credential (e_voucher, id_card, social_security_card) is"
                            + " required");
        }
        return credentials;
    }
}
