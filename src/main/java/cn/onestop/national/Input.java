package cn.onestop.national;

import cn.onestop.kernel.FieldViolation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The fields of one object of a message's {@code input}, read by type, every fault collected by its
 * path ({@code feedetail[2].pric}) so that the billing system hears of all of them at once. Empty
 * strings and nulls are absent, as public clients send optional fields. Amounts are yuan strings or
 * JSON numbers, read exactly.
 */
final class Input {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,15}(\\.0{1,6})?");

    private final JsonNode node;
    private final String path;
    private final List<FieldViolation> bad;

    private Input(JsonNode node, String path, List<FieldViolation> bad) {
        this.node = node;
        this.path = path;
        this.bad = bad;
    }

    static Input of(JsonNode node, String path, List<FieldViolation> bad) {
        return new Input(node == null ? MissingNode.getInstance() : node, path, bad);
    }

    List<FieldViolation> violations() {
        return bad;
    }

    String path(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private void fault(String name, String description) {
        bad.add(new FieldViolation(path(name), description));
    }

    private JsonNode raw(String name) {
        JsonNode v = node.get(name);
        return v == null || v.isNull() || v.isTextual() && v.asText().isEmpty() ? null : v;
    }

    boolean has(String name) {
        return raw(name) != null;
    }

    /** A nested object; an absent one reads as empty (its required fields then fault). */
    Input object(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                fault(name, "is required (an object)");
            }
            return of(null, path(name), bad);
        }
        if (!v.isObject()) {
            fault(name, "must be an object, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            return of(null, path(name), bad);
        }
        return of(v, path(name), bad);
    }

    /** The objects of an array (an object alone is taken as an array of one), at most {@code max}. */
    List<Input> array(String name, boolean required, int max) {
        JsonNode v = node.get(name);
        List<Input> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            if (required) {
                fault(name, "is required (an array of objects)");
            }
            return out;
        }
        if (v.isObject()) {
            out.add(of(v, path(name) + "[0]", bad));
            return out;
        }
        if (!v.isArray()) {
            fault(name, "must be an array of objects");
            return out;
        }
        if (v.size() > max) {
            fault(name, "has " + v.size() + " entries, more than " + max);
            return out;
        }
        if (required && v.isEmpty()) {
            fault(name, "has no entry");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isObject()) {
                bad.add(new FieldViolation(path(name) + "[" + i + "]", "must be an object"));
            } else {
                out.add(of(v.get(i), path(name) + "[" + i + "]", bad));
            }
        }
        return out;
    }

    /** A string field of at most {@code max} characters; a JSON number is taken by its text. */
    String text(String name, boolean required, int max) {
        JsonNode v = raw(name);
        if (v == null) {
            if (required) {
                fault(name, "is required");
            }
            return null;
        }
        if (!v.isTextual() && !v.isIntegralNumber()) {
            fault(name, "must be a string");
            return null;
        }
        String s = v.isTextual() ? v.asText() : v.bigIntegerValue().toString();
        if (s.length() > max) {
            fault(name, "is longer than " + max + " characters");
            return null;
        }
        if (s.isBlank()) {
            fault(name, "is blank");
            return null;
        }
        return s;
    }

    /** A key (ids, codes): as {@link #text} and matching {@code form}. */
    String key(String name, boolean required, Pattern form, String mustBe) {
        String s = text(name, required, 64);
        if (s != null && !form.matcher(s).matches()) {
            fault(name, "must be " + mustBe + ", got \"" + s + "\"");
            return null;
        }
        return s;
    }

    /** An amount in yuan, ≥ 0, at most two decimals, as fen. */
    Long yuan(String name, boolean required) {
        BigDecimal d = decimal(name, required);
        if (d == null) {
            return null;
        }
        Long fen = Yuan.fen(d);
        if (fen == null) {
            fault(name, "must be an amount of yuan ≥ 0 with at most two decimals, got " + d.toPlainString());
        }
        return fen;
    }

    /** A count of whole units, > 0 (trailing zero decimals allowed: "2.0000"). */
    Long count(String name, boolean required) {
        BigDecimal d = decimal(name, required);
        if (d == null) {
            return null;
        }
        String plain = d.toPlainString();
        if (!WHOLE.matcher(plain).matches() || d.signum() <= 0) {
            fault(name, "must be a whole number of units > 0 (the gateway settles no fractional count; send "
                    + "cnt 1 and pric = det_item_fee_sumamt), got " + plain);
            return null;
        }
        return d.longValueExact();
    }

    private BigDecimal decimal(String name, boolean required) {
        JsonNode v = raw(name);
        if (v == null) {
            if (required) {
                fault(name, "is required");
            }
            return null;
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        if (!v.isTextual()) {
            fault(name, "must be a number or a string of digits");
            return null;
        }
        String s = v.asText();
        if (s.length() > 24 || !s.matches("-?[0-9]+(\\.[0-9]+)?")) {
            fault(name, "is not a number: \"" + (s.length() > 24 ? s.substring(0, 24) + "…" : s) + "\"");
            return null;
        }
        return new BigDecimal(s);
    }

    /** A time {@code yyyy-MM-dd HH:mm:ss} (a date alone is taken at midnight). */
    LocalDateTime time(String name, boolean required) {
        String s = text(name, required, 19);
        if (s == null) {
            return null;
        }
        try {
            return s.length() == 10 ? LocalDate.parse(s, DATE).atStartOfDay() : LocalDateTime.parse(s, TIME);
        } catch (DateTimeParseException e) {
            fault(name, "must be a time yyyy-MM-dd HH:mm:ss, got \"" + s + "\"");
            return null;
        }
    }

    /** A flag "1" / "0" (or 1 / 0). */
    Boolean flag(String name, boolean required) {
        String s = text(name, required, 1);
        if (s == null) {
            return null;
        }
        if (!s.equals("0") && !s.equals("1")) {
            fault(name, "must be \"1\" or \"0\", got \"" + s + "\"");
            return null;
        }
        return s.equals("1");
    }

    /**
     * A file's bytes as public clients send them: a base64 string (as fastjson and Jackson write a
     * byte[]) or an array of byte values (-128..255); at most {@code max} bytes.
     */
    byte[] bytes(String name, boolean required, int max) {
        JsonNode v = raw(name);
        if (v == null || v.isArray() && v.isEmpty()) {
            if (required) {
                fault(name, "is required (the file: base64 or an array of bytes)");
            }
            return null;
        }
        if (v.isTextual()) {
            try {
                byte[] b = java.util.Base64.getMimeDecoder().decode(v.asText());
                if (b.length > max) {
                    fault(name, "holds " + b.length + " bytes, more than " + max);
                    return null;
                }
                return b;
            } catch (IllegalArgumentException e) {
                fault(name, "is not base64: " + e.getMessage());
                return null;
            }
        }
        if (!v.isArray()) {
            fault(name, "must be a base64 string or an array of bytes");
            return null;
        }
        if (v.size() > max) {
            fault(name, "holds " + v.size() + " bytes, more than " + max);
            return null;
        }
        byte[] b = new byte[v.size()];
        for (int i = 0; i < b.length; i++) {
            JsonNode x = v.get(i);
            if (!x.canConvertToInt() || !x.isIntegralNumber() || x.intValue() < -128 || x.intValue() > 255) {
                bad.add(new FieldViolation(path(name) + "[" + i + "]", "must be a byte value -128..255"));
                return null;
            }
            b[i] = (byte) x.intValue();
        }
        return b;
    }

    /** A date {@code yyyy-MM-dd} (a time on it is taken as its date). */
    LocalDate date(String name, boolean required) {
        String s = text(name, required, 19);
        if (s == null) {
            return null;
        }
        try {
            return s.length() == 10 ? LocalDate.parse(s, DATE) : LocalDateTime.parse(s, TIME).toLocalDate();
        } catch (DateTimeParseException e) {
            fault(name, "must be a date yyyy-MM-dd, got \"" + s + "\"");
            return null;
        }
    }

    /** A month {@code yyyyMM} (setlym). */
    java.time.YearMonth month(String name, boolean required) {
        String s = text(name, required, 6);
        if (s == null) {
            return null;
        }
        try {
            return java.time.YearMonth.parse(s, java.time.format.DateTimeFormatter.ofPattern("uuuuMM"));
        } catch (DateTimeParseException e) {
            fault(name, "must be a month yyyyMM, got \"" + s + "\"");
            return null;
        }
    }

    /** Records a fault of a field that was read but does not fit. */
    void refuse(String name, String description) {
        fault(name, description);
    }
}
