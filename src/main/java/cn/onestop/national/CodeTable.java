package cn.onestop.national;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One national code table as configured (config/national/NAME.csv): each code, its name, and what
 * it stands for at the gateway (a visit type, plans, a category …). Read at start; a code that is not
 * in it is refused naming the field that carried it.
 *
 * @param name the table, e.g. {@code med_type}
 */
record CodeTable(String name, Map<String, Entry> entries) {
    CodeTable {
        entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** One code. */
    record Entry(String code, String label, List<String> values) {
        Entry {
            values = List.copyOf(values);
        }

        /** The one value a code of a table that maps each code to one thing stands for. */
        String value() {
            return values.get(0);
        }
    }

    Optional<Entry> find(String code) {
        return Optional.ofNullable(code == null ? null : entries.get(code));
    }

    /** The first code (in file order) that stands for {@code value}. */
    Optional<Entry> codeOf(String value) {
        for (Entry e : entries.values()) {
            if (e.values().contains(value) || e.values().contains("*")) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The codes, for messages. */
    String codes() {
        return String.join(", ", entries.keySet());
    }
}
