package cn.onestop.centre;

import cn.onestop.kernel.InvalidRequestException;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A 6-digit admin-division code (行政区划代码): the insured region {@code insuplc_admdvs} of a person,
 * the treating region {@code mdtrtarea_admvs} of an institution. Its first four digits are its
 * pooling region (统筹区, a city), its first two its province, except where the centre rules name
 * another pooling region (159900 自治区本级 → 1501 Hohhot).
 */
public record AdminDivision(String code) implements Comparable<AdminDivision> {
    private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");

    public AdminDivision {
        Objects.requireNonNull(code, "code");
        if (!isCode(code)) {
            throw new IllegalArgumentException("not a 6-digit admin-division code: " + code);
        }
    }

    /** Whether {@code s} is six digits (and not all zero). */
    public static boolean isCode(String s) {
        return s != null && SIX_DIGITS.matcher(s).matches() && !s.equals("000000");
    }

    /** The code given for {@code field}, or INVALID_ARGUMENT naming it. */
    public static AdminDivision of(String field, String value) {
        if (!isCode(value)) {
            throw new InvalidRequestException(field, "must be a 6-digit admin-division code (e.g. 150100), got "
                    + (value == null || value.isEmpty() ? "nothing" : "\"" + value + "\""));
        }
        return new AdminDivision(value);
    }

    /** The pooling region: the centre rules' override for this code, or its first four digits. */
    public String poolingRegion(Map<String, String> overrides) {
        String o = overrides.get(code);
        return o != null ? o : code.substring(0, 4);
    }

    /** The province: the first two digits of the pooling region. */
    public String province(Map<String, String> overrides) {
        return poolingRegion(overrides).substring(0, 2);
    }

    @Override
    public int compareTo(AdminDivision o) {
        return code.compareTo(o.code);
    }

    @Override
    public String toString() {
        return code;
    }
}
