package cn.onestop.json;

import cn.onestop.kernel.InvalidRequestException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Typed reading of a request's JSON fields, each fault named by its path. */
final class JsonFields {
    private JsonFields() {
    }

    static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw new InvalidRequestException(path, "is required");
        }
        if (!n.isObject()) {
            throw new InvalidRequestException(path, "must be an object");
        }
        return n;
    }

    static String text(JsonNode parent, String name, String path, boolean required) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                throw new InvalidRequestException(path, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw new InvalidRequestException(path, "must be a string");
        }
        return n.asText();
    }

    static LocalDate date(JsonNode parent, String name, String path, boolean required) {
        String t = text(parent, name, path, required);
        if (t == null) {
            return null;
        }
        try {
            return LocalDate.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(path, "not a date (YYYY-MM-DD): " + t);
        }
    }

    static boolean bool(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw new InvalidRequestException(path, "must be true or false");
        }
        return n.booleanValue();
    }

    /** An integer field; {@code absent} when missing, or "is required" when {@code absent} is MIN_VALUE. */
    static long integer(JsonNode parent, String name, String path, long absent) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            if (absent == Long.MIN_VALUE) {
                throw new InvalidRequestException(path, "is required");
            }
            return absent;
        }
        return integer(n, path);
    }

    static long integer(JsonNode n, String path) {
        if (!n.isIntegralNumber()) {
            if (n.isNumber() && n.decimalValue().stripTrailingZeros().scale() <= 0 && n.canConvertToLong()) {
                return n.decimalValue().longValueExact();
            }
            throw new InvalidRequestException(path, n.isNumber() ? "must be an integer (fen), got " + n
                    : "must be an integer, got " + n);
        }
        if (!n.canConvertToLong()) {
            throw new InvalidRequestException(path, "does not fit in int64: " + n);
        }
        return n.longValue();
    }

    static <E extends Enum<E>> E enumValue(JsonNode parent, String name, String path, Class<E> type,
                                                   E absent) {
        String t = text(parent, name, path, absent == null);
        if (t == null) {
            return absent;
        }
        try {
            return Enum.valueOf(type, t);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(path, "unknown value " + t);
        }
    }
}
