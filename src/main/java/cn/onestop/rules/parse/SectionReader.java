package cn.onestop.rules.parse;

import cn.onestop.request.AssistanceCategory;
import cn.onestop.rules.Band;
import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;
import cn.onestop.rules.ParamRange;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the parameters of one section of a rule file, each {@code {"value": …, "source": …,
 * "basis": …}}, checking its range; refuses unknown names so a typo cannot silently fall back.
 */
final class SectionReader {
    private static final Set<String> PARAM_KEYS = Set.of("value", "source", "basis", "note");

    private final String file;
    private final String section;
    private final JsonNode node;
    private final Set<String> read = new HashSet<>();
    private final Consumer<RuleParameters.Entry> listed;

    /** @param listed told every parameter read, with its unit and note ({@link RuleParameters}) */
    SectionReader(String file, String section, JsonNode node, Consumer<RuleParameters.Entry> listed) {
        this.file = file;
        this.section = section;
        this.node = node;
        this.listed = listed;
        if (!node.isObject()) {
            throw fail(section, "a section is an object of parameters");
        }
    }

    String section() {
        return section;
    }

    /** An amount in fen, at least 0. */
    Param amount(String name) {
        return integer(name, ParamRange.AMOUNT);
    }

    Param optionalAmount(String name) {
        return node.has(name) ? amount(name) : null;
    }

    /** A ratio in basis points, 0..10000. */
    Param ratio(String name) {
        return integer(name, ParamRange.RATIO);
    }

    /** A ratio adjustment in basis points, -10000..10000. */
    Param adjustment(String name) {
        return integer(name, ParamRange.ADJUSTMENT);
    }

    /** A 6-digit admin-division code (行政区划代码). */
    Param adminDivision(String name) {
        return integer(name, ParamRange.ADMIN_DIVISION);
    }

    /** A 4-digit pooling region (统筹区): the first four digits of its codes. */
    Param poolingRegion(String name) {
        return integer(name, ParamRange.POOLING_REGION);
    }

    /** The names of the section's parameters, in file order (for sections keyed by plan or region). */
    List<String> names() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** A count (days, visits), at least 0. */
    Param count(String name) {
        return integer(name, ParamRange.COUNT);
    }

    /** A yes/no rule, stored as 1/0. */
    Param flag(String name) {
        JsonNode p = param(name);
        JsonNode v = p.get("value");
        if (v == null || !v.isBoolean()) {
            throw fail(name, "must be true or false");
        }
        return list(provenance(name, p, v.booleanValue() ? 1 : 0), RuleParameters.Unit.FLAG, p, null, List.of());
    }

    /** A list of assistance categories with the provenance of the list. */
    Set<AssistanceCategory> categories(String name, List<Param> provenanceOut) {
        JsonNode p = param(name);
        JsonNode v = p.get("value");
        if (v == null || !v.isArray()) {
            throw fail(name, "must be a list of assistance categories");
        }
        Set<AssistanceCategory> out = EnumSet.noneOf(AssistanceCategory.class);
        for (JsonNode c : v) {
            try {
                out.add(AssistanceCategory.valueOf(c.asText()));
            } catch (IllegalArgumentException e) {
                throw fail(name, "unknown assistance category " + c);
            }
        }
        Param listedParam = provenance(name, p, out.size());
        provenanceOut.add(listedParam);
        list(listedParam, RuleParameters.Unit.CATEGORIES, p, null, out.stream().map(Enum::name).toList());
        return out;
    }

    /**
     * Bands on a cumulative axis, {@code [{"upto": fen or null, "bp": ratio}, …]}, strictly
     * increasing, the last one open.
     */
    List<Band> bands(String name) {
        JsonNode p = param(name);
        JsonNode v = p.get("value");
        if (v == null || !v.isArray() || v.isEmpty()) {
            throw fail(name, "must be a non-empty list of {\"upto\", \"bp\"}");
        }
        List<Band> out = new ArrayList<>();
        long previous = 0;
        for (int i = 0; i < v.size(); i++) {
            JsonNode b = v.get(i);
            JsonNode upto = b.get("upto");
            JsonNode bp = b.get("bp");
            String where = name + "[" + i + "]";
            if (bp == null || !bp.canConvertToLong() || !ParamRange.RATIO.contains(bp.asLong())) {
                throw fail(where, "bp must be " + ParamRange.RATIO.description());
            }
            long limit;
            if (upto == null || upto.isNull()) {
                if (i != v.size() - 1) {
                    throw fail(where, "only the last band may be open (upto null)");
                }
                limit = Long.MAX_VALUE;
            } else if (!upto.isIntegralNumber() || upto.asLong() <= previous) {
                throw fail(where, "upto must be an amount in fen above the previous band's");
            } else {
                limit = upto.asLong();
            }
            if (i == v.size() - 1 && limit != Long.MAX_VALUE) {
                throw fail(where, "the last band must be open (upto null)");
            }
            previous = limit;
            Param ratio = provenance(where, p, bp.asLong());
            list(ratio, RuleParameters.Unit.BAND, p, limit == Long.MAX_VALUE ? null : limit, List.of());
            out.add(new Band(limit, ratio));
        }
        return List.copyOf(out);
    }

    /** Call after reading: any parameter not read is a typo or a rule this version cannot apply. */
    void finish() {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (!read.contains(n)) {
                throw fail(n, "unknown parameter");
            }
        }
    }

    RuleLoadException fail(String param, String message) {
        return new RuleLoadException(file + ": " + section + "." + param + ": " + message);
    }

    private Param integer(String name, ParamRange range) {
        JsonNode p = param(name);
        JsonNode v = p.get("value");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw fail(name, "must be " + range.description() + (v == null ? ", missing value" : ", got " + v));
        }
        long x = v.asLong();
        if (!range.contains(x)) {
            throw fail(name, "must be " + range.description() + ", got " + x);
        }
        return list(provenance(name, p, x), RuleParameters.Unit.of(range), p, null, List.of());
    }

    private Param list(Param param, RuleParameters.Unit unit, JsonNode p, Long upTo, List<String> items) {
        JsonNode note = p.get("note");
        listed.accept(new RuleParameters.Entry(param, unit, upTo, items,
                note == null || note.isNull() ? null : note.asText()));
        return param;
    }

    private JsonNode param(String name) {
        JsonNode p = node.get(name);
        if (p == null) {
            throw fail(name, "missing");
        }
        if (!p.isObject()) {
            throw fail(name, "must be {\"value\": …, \"source\": …}");
        }
        Iterator<String> keys = p.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!PARAM_KEYS.contains(k)) {
                throw fail(name, "unknown key \"" + k + "\"");
            }
        }
        read.add(name);
        return p;
    }

    private Param provenance(String name, JsonNode p, long value) {
        JsonNode source = p.get("source");
        if (source == null || !source.isTextual() || source.asText().isBlank()) {
            throw fail(name, "every parameter names its source (a clause, or \"assumed\")");
        }
        Basis basis = Basis.DOCUMENT;
        JsonNode b = p.get("basis");
        if (b != null) {
            try {
                basis = Basis.valueOf(b.asText().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw fail(name, "basis must be document, interp or assumed, got " + b);
            }
        }
        if (source.asText().trim().equalsIgnoreCase("assumed")) {
            basis = Basis.ASSUMED;
        }
        return new Param(section + "." + name, value, source.asText(), basis);
    }
}
