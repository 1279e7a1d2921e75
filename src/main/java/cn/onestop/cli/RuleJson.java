package cn.onestop.cli;

import cn.onestop.rules.Param;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.parse.RuleParameters.Entry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/** The machine form of {@code rules show} and {@code rules diff}: raw values (fen, basis points) with their units. */
final class RuleJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleJson() {
    }

    static String version(RuleSheet.Version v, LocalDate asked) throws Exception {
        ObjectNode root = head(v);
        if (asked != null) {
            root.put("in_force_on", asked.toString());
        }
        ArrayNode params = root.putArray("parameters");
        v.listing().entries().forEach(e -> params.add(entry(e)));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    static String diff(RuleSheet.Version a, RuleSheet.Version b) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        root.set("from", head(a));
        root.set("to", head(b));
        ArrayNode changes = root.putArray("differences");
        Map<String, Entry> old = a.listing().byName();
        Map<String, Entry> now = b.listing().byName();
        for (Entry e : old.values()) {
            Entry n = now.get(e.name());
            if (n == null || !e.sameAs(n)) {
                ObjectNode c = changes.addObject().put("name", e.name());
                c.set("old", entry(e));
                c.set("new", n == null ? null : entry(n));
            }
        }
        for (Entry n : now.values()) {
            if (!old.containsKey(n.name())) {
                ObjectNode c = changes.addObject().put("name", n.name());
                c.set("old", null);
                c.set("new", entry(n));
            }
        }
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    private static ObjectNode head(RuleSheet.Version v) {
        RuleTable t = v.table();
        ObjectNode n = JSON.createObjectNode().put("id", t.id()).put("plan", t.plan())
                .put("effective_from", t.effectiveFrom().toString())
                .put("effective_to", t.effectiveTo() == null ? null : t.effectiveTo().toString())
                .put("effective_source", t.effectiveSource().source())
                .put("document", t.document()).put("digest", t.digest());
        if (v.meta() == null) {
            n.put("file", v.name());
        } else {
            n.put("published_at", v.meta().getPublishedAt()).put("published_by", v.meta().getPublishedBy())
                    .put("origin", v.meta().getOrigin()).put("forced_reason", v.meta().getForcedReason());
        }
        return n;
    }

    private static ObjectNode entry(Entry e) {
        Param p = e.param();
        ObjectNode n = JSON.createObjectNode().put("name", e.name())
                .put("unit", e.unit().name().toLowerCase(Locale.ROOT)).put("value", p.value());
        if (e.upTo() != null) {
            n.put("up_to", e.upTo());
        }
        if (!e.items().isEmpty()) {
            e.items().forEach(n.putArray("items")::add);
        }
        return n.put("source", p.source()).put("basis", p.basis().name().toLowerCase(Locale.ROOT))
                .put("note", e.note());
    }
}
