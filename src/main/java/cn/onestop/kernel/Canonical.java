package cn.onestop.kernel;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The one written form of each key and date a request carries. A value in another form is refused,
 * never normalised: the ledger compares keys byte for byte, so {@code h15010500001} is not {@code
 * H15010500001} and {@code "m-1 "} is not {@code m-1}, and a request that needed normalising would
 * settle under a key its own system does not know.
 *
 * <ul>
 *   <li>institution code (定点医药机构编号): one upper-case letter and 11 digits, {@code H15010500001};
 *   <li>message id: 1–64 of {@code A-Z a-z 0-9 . _ : -} (case counts: {@code M-1} and {@code m-1} are two);
 *   <li>settlement id: 1–40 of {@code A-Z a-z 0-9 _ -};
 *   <li>date: exactly {@code YYYY-MM-DD}, a real day of the calendar.
 * </ul>
 */
public final class Canonical {
    public static final Pattern INSTITUTION_CODE = Pattern.compile("[A-Z][0-9]{11}");
    public static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    public static final Pattern SETTLEMENT_ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private Canonical() {
    }

    public static boolean institutionCode(String s) {
        return s != null && INSTITUTION_CODE.matcher(s).matches();
    }

    public static boolean messageId(String s) {
        return s != null && MESSAGE_ID.matcher(s).matches();
    }

    public static boolean settlementId(String s) {
        return s != null && SETTLEMENT_ID.matcher(s).matches();
    }

    /**
     * Adds a violation of {@code field} unless {@code value} is an institution code in its one form;
     * {@code required} = an empty value is a violation too.
     *
     * @return whether the value is acceptable
     */
    public static boolean checkInstitutionCode(List<FieldViolation> bad, String field, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                bad.add(new FieldViolation(field, "is required"));
            }
            return !required;
        }
        if (!institutionCode(value)) {
            bad.add(new FieldViolation(field, "must be one upper-case letter and 11 digits, as H15010500001, "
                    + "exactly (no spaces, no lower case), got " + quoted(value)));
            return false;
        }
        return true;
    }

    /** As {@link #checkInstitutionCode}, for a message id. */
    public static boolean checkMessageId(List<FieldViolation> bad, String field, String value, boolean required) {
        if (value == null || value.isEmpty()) {
            if (required) {
                bad.add(new FieldViolation(field, "is required"));
            }
            return !required;
        }
        if (!messageId(value)) {
            bad.add(new FieldViolation(field, "must be 1-64 characters of A-Z a-z 0-9 . _ : - (no spaces), got "
                    + quoted(value)));
            return false;
        }
        return true;
    }

    /** As {@link #checkInstitutionCode}, for a settlement id. */
    public static boolean checkSettlementId(List<FieldViolation> bad, String field, String value) {
        if (value == null || value.isEmpty()) {
            bad.add(new FieldViolation(field, "is required"));
            return false;
        }
        if (!settlementId(value)) {
            bad.add(new FieldViolation(field, "is not a settlement id (1-40 of A-Z a-z 0-9 _ -), got "
                    + quoted(value)));
            return false;
        }
        return true;
    }

    /**
     * The date {@code value} names in the form {@code YYYY-MM-DD} (four-digit year, no sign), or null
     * with a violation of {@code field} added.
     */
    public static LocalDate date(List<FieldViolation> bad, String field, String value) {
        if (value == null || value.isEmpty()) {
            bad.add(new FieldViolation(field, "is required (YYYY-MM-DD)"));
            return null;
        }
        if (DATE.matcher(value).matches()) {
            try {
                return LocalDate.parse(value); // ISO, strict: 2025-02-30 is refused
            } catch (DateTimeException e) {
                // below
            }
        }
        bad.add(new FieldViolation(field, "not a date (YYYY-MM-DD): " + quoted(value)));
        return null;
    }

    /** A value for a message: quoted, cut to 80 characters, control characters shown as {@code \\uXXXX}. */
    public static String quoted(String value) {
        StringBuilder sb = new StringBuilder("'");
        int n = Math.min(value.length(), 80);
        for (int i = 0; i < n; i++) {
            char ch = value.charAt(i);
            if (ch < 0x20 || ch == 0x7f || Character.isSurrogate(ch) || Character.isSpaceChar(ch) && ch != ' ') {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        if (value.length() > n) {
            sb.append("…");
        }
        return sb.append('\'').toString();
    }
}
