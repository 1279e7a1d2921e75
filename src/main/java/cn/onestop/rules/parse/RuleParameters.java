package cn.onestop.rules.parse;

import cn.onestop.rules.Param;
import cn.onestop.rules.ParamRange;
import cn.onestop.rules.RuleTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every parameter of a rule file as the reader took it — its value, what kind of number it is (an
 * amount in fen, a ratio in basis points, …), its source and basis, and the file's note — in the
 * order the file gives them. What a person reviewing a version reads; the engine uses the records.
 */
public final class RuleParameters {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleParameters() {
    }

    /** What kind of number a parameter is. */
    public enum Unit {
        /** An amount in fen. */
        AMOUNT,
        /** A ratio in basis points. */
        RATIO,
        /** A ratio adjustment in basis points, either way. */
        ADJUSTMENT,
        /** Days, visits, how many of something. */
        COUNT,
        /** A yes/no rule, 1 or 0. */
        FLAG,
        /** One band of a banded ratio: its ratio in basis points, up to a limit in fen (none for the last). */
        BAND,
        /** A list of assistance categories; the value is how many. */
        CATEGORIES,
        /** A region code (6-digit admin division, 4-digit pooling region), shown as it is. */
        CODE;

        static Unit of(ParamRange range) {
            return switch (range) {
                case AMOUNT -> AMOUNT;
                case RATIO -> RATIO;
                case ADJUSTMENT -> ADJUSTMENT;
                case COUNT -> COUNT;
                case FLAG -> FLAG;
                case ADMIN_DIVISION, POOLING_REGION -> CODE;
            };
        }
    }

    /**
     * One parameter.
     *
     * @param upTo the band's upper limit in fen (a {@link Unit#BAND} but the last); null otherwise
     * @param items the categories of a {@link Unit#CATEGORIES} parameter; empty otherwise
     * @param note the file's note, or null
     */
    public record Entry(Param param, Unit unit, Long upTo, List<String> items, String note) {
        public Entry {
            Objects.requireNonNull(param, "param");
            Objects.requireNonNull(unit, "unit");
            items = List.copyOf(items);
        }

        public String name() {
            return param.name();
        }

        /** Whether {@code o} says the same: value, kind, band limit, categories, source and basis (a note is commentary). */
        public boolean sameAs(Entry o) {
            return sameValue(o) && param.source().equals(o.param.source()) && param.basis() == o.param.basis();
        }

        /** Whether {@code o} has the same value, kind, band limit and categories (its source may differ). */
        public boolean sameValue(Entry o) {
            return unit == o.unit && param.value() == o.param.value() && Objects.equals(upTo, o.upTo)
                    && items.equals(o.items);
        }
    }

    /** A version and its parameters, in the file's order. */
    public record Listing(RuleTable table, List<Entry> entries) {
        public Listing {
            entries = List.copyOf(entries);
        }

        /** The parameters by name, in the file's order. */
        public Map<String, Entry> byName() {
            Map<String, Entry> m = new LinkedHashMap<>();
            entries.forEach(e -> m.put(e.name(), e));
            return m;
        }
    }

    /**
     * Reads a rule file as {@link RuleTableParser#parse} does and lists its parameters.
     *
     * @throws RuleLoadException the file does not validate
     */
    public static Listing of(String origin, byte[] content) {
        List<Entry> entries = new ArrayList<>();
        RuleTable table = RuleTableParser.parse(origin, content, entries::add);
        Map<String, Integer> order = fileOrder(content);
        entries.sort(Comparator.comparingInt(e -> order.getOrDefault(base(e.name()), Integer.MAX_VALUE)));
        return new Listing(table, entries);
    }

    /** {@code section.parameter} → its position in the file (the file parsed already, so it is JSON). */
    private static Map<String, Integer> fileOrder(byte[] content) {
        Map<String, Integer> order = new HashMap<>();
        JsonNode sections;
        try {
            sections = JSON.readTree(content).path("sections");
        } catch (IOException e) {
            throw new RuleLoadException("not valid JSON: " + e.getMessage());
        }
        for (Iterator<Map.Entry<String, JsonNode>> s = sections.fields(); s.hasNext(); ) {
            Map.Entry<String, JsonNode> section = s.next();
            for (Iterator<String> p = section.getValue().fieldNames(); p.hasNext(); ) {
                order.put(section.getKey() + "." + p.next(), order.size());
            }
        }
        return order;
    }

    /** A band's name without its index: {@code critical_illness.bands[1]} → {@code critical_illness.bands}. */
    private static String base(String name) {
        int i = name.indexOf('[');
        return i < 0 ? name : name.substring(0, i);
    }
}
