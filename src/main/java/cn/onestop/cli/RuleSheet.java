package cn.onestop.cli;

import cn.onestop.api.v1.RuleVersion;
import cn.onestop.rules.Basis;
import cn.onestop.rules.Param;
import cn.onestop.rules.RuleTable;
import cn.onestop.rules.parse.RuleParameters;
import cn.onestop.rules.parse.RuleParameters.Entry;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Rule versions as a reviewer reads them: the list of published versions, one version's parameters
 * in human units (yuan with two decimals for fen, percent for basis points) each with its source
 * and basis, and what changed between two versions, parameter by parameter.
 */
final class RuleSheet {
    /** Columns: the longest name (or value) and two spaces. */
    private int name = 40;
    private int valueWidth = 20;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A version to show: its registry entry (null for a file not published) and its parameters. */
    record Version(String name, RuleVersion meta, RuleParameters.Listing listing) {
        RuleTable table() {
            return listing.table();
        }
    }

    private final Labels.Lang lang;
    private final StringBuilder out = new StringBuilder();

    RuleSheet(Labels.Lang lang) {
        this.lang = lang;
    }

    private String w(String zh, String en) {
        return lang == Labels.Lang.ZH ? zh : en;
    }

    /** Every published version: plan, version, in force from/to, published when and by whom, a forced reason. */
    String list(List<RuleVersion> versions) {
        line(Receipt.pad(w("险种方案", "plan"), 22) + Receipt.pad(w("版本", "version"), 34)
                + Receipt.pad(w("生效期间", "in force"), 26) + Receipt.pad(w("发布时间", "published"), 25)
                + w("发布者", "by"));
        for (RuleVersion v : versions) {
            line(Receipt.pad(v.getPlan(), 22) + Receipt.pad(v.getId(), 34)
                    + Receipt.pad(v.getEffectiveFrom() + " – " + (v.getEffectiveTo().isEmpty() ? "" : v.getEffectiveTo()),
                    26) + Receipt.pad(when(v.getPublishedAt()), 25)
                    + (v.getPublishedBy().isEmpty() ? w("（未记录）", "(not recorded)") : v.getPublishedBy()));
            if (!v.getForcedReason().isEmpty()) {
                line("    " + w("追溯发布理由：", "forced over settled dates: ") + v.getForcedReason());
            }
        }
        line(versions.size() + w(" 个版本", " versions"));
        return out.toString();
    }

    /** One version: where it comes from, then every parameter with its value and its source. */
    String show(Version v, LocalDate asked) {
        widths(v.listing().entries());
        header(v);
        if (asked != null) {
            line(w("即 ", "the version in force on ") + asked + w(" 当日有效的版本", ""));
        }
        rule();
        line(Receipt.pad(w("参数", "parameter"), name) + Receipt.pad(w("取值", "value"), valueWidth)
                + w("依据", "source / basis"));
        int[] byBasis = new int[Basis.values().length];
        for (Entry e : v.listing().entries()) {
            byBasis[e.param().basis().ordinal()]++;
            line(Receipt.pad(e.name(), name) + Receipt.pad(value(e), valueWidth) + source(e.param())
                    + (e.note() == null ? "" : " — " + e.note()));
        }
        rule();
        line(v.listing().entries().size() + w(" 个参数：", " parameters: ") + byBasis[Basis.DOCUMENT.ordinal()]
                + w(" 个出自文件，", " from the documents, ") + byBasis[Basis.INTERP.ordinal()]
                + w(" 个为解释 [interp]，", " interpreted [interp], ") + byBasis[Basis.ASSUMED.ordinal()]
                + w(" 个为假设 [assumed]（样例数值，非政策）", " assumed [assumed] (sample numbers, not policy)"));
        return out.toString();
    }

    /** What differs between two versions, parameter by parameter, old → new, with both sources. */
    String diff(Version a, Version b) {
        widths(a.listing().entries());
        widths(b.listing().entries());
        line(a.name() + "  →  " + b.name());
        RuleTable ta = a.table();
        RuleTable tb = b.table();
        int differ = 0;
        String fromA = range(ta) + " (" + source(ta.effectiveSource()) + ")";
        String fromB = range(tb) + " (" + source(tb.effectiveSource()) + ")";
        if (!fromA.equals(fromB)) {
            line("  " + Receipt.pad(w("生效期间", "in force"), name) + fromA + "  →  " + fromB);
        }
        if (!String.valueOf(ta.document()).equals(String.valueOf(tb.document()))) {
            line("  " + Receipt.pad(w("文件", "document"), name) + ta.document() + "  →  " + tb.document());
        }
        Map<String, Entry> old = a.listing().byName();
        Map<String, Entry> now = b.listing().byName();
        int same = 0;
        int sourceOnly = 0;
        for (Entry e : old.values()) {
            Entry n = now.get(e.name());
            if (n == null) {
                line("- " + Receipt.pad(e.name(), name) + both(e) + "  →  " + w("（删除）", "(gone)"));
                differ++;
            } else if (!e.sameAs(n) && e.sameValue(n)) {
                line("~ " + Receipt.pad(e.name(), name) + both(e) + "  →  " + w("同值，依据 ", "same value, source ")
                        + source(n.param()));
                sourceOnly++;
            } else if (!e.sameAs(n)) {
                line("  " + Receipt.pad(e.name(), name) + both(e) + "  →  " + both(n));
                differ++;
            } else {
                same++;
            }
        }
        for (Entry n : now.values()) {
            if (!old.containsKey(n.name())) {
                line("+ " + Receipt.pad(n.name(), name) + w("（新增）", "(new)") + "  →  " + both(n));
                differ++;
            }
        }
        String sources = sourceOnly == 0 ? ""
                : w("，", ", ") + sourceOnly + w(" 个仅依据不同", " with only their source changed");
        line(differ == 0 && sourceOnly == 0 ? w("参数完全相同（", "the parameters are the same (") + same + w(" 个）", ")")
                : differ + w(" 个参数不同，", " parameters differ, ") + same + w(" 个相同", " the same") + sources);
        return out.toString();
    }

    private void widths(List<Entry> entries) {
        for (Entry e : entries) {
            name = Math.max(name, e.name().length() + 2);
            valueWidth = Math.max(valueWidth, Math.min(40, Receipt.width(value(e)) + 2));
        }
    }

    private void header(Version v) {
        RuleTable t = v.table();
        line(t.id() + (t.document() == null ? "" : "   " + t.document()));
        line(w("生效期间 ", "in force ") + range(t) + "   " + w("生效依据 ", "effective from: ")
                + source(t.effectiveSource()));
        RuleVersion m = v.meta();
        if (m == null) {
            line(w("未发布：文件 ", "not published: the file ") + v.name());
        } else {
            line(w("发布于 ", "published ") + when(m.getPublishedAt()) + w("，发布者 ", " by ")
                    + (m.getPublishedBy().isEmpty() ? w("（未记录）", "(not recorded)") : m.getPublishedBy())
                    + w("，来源 ", ", from ") + m.getOrigin() + w("，摘要 ", ", digest ")
                    + m.getDigest().substring(0, 12));
            if (!m.getForcedReason().isEmpty()) {
                line(w("追溯发布理由：", "forced over settled dates: ") + m.getForcedReason());
            }
        }
    }

    private String range(RuleTable t) {
        return t.effectiveFrom() + " – " + (t.effectiveTo() == null ? w("（至下一版本）", "(until a later version)")
                : t.effectiveTo().toString());
    }

    /** A parameter's value and its source, for a diff. */
    private String both(Entry e) {
        return value(e) + " (" + source(e.param()) + ")";
    }

    /** The value in human units. */
    String value(Entry e) {
        long v = e.param().value();
        return switch (e.unit()) {
            case AMOUNT -> Receipt.yuan(v) + w(" 元", " yuan");
            case RATIO -> Receipt.percent((int) v);
            case ADJUSTMENT -> (v > 0 ? "+" : "") + Receipt.percent((int) v).replace("%", "") + w(" 个百分点", " pp");
            case COUNT -> TerminalProgress.number(v);
            case FLAG -> v != 0 ? w("是", "yes") : w("否", "no");
            case BAND -> Receipt.percent((int) v) + (e.upTo() == null ? w("（以上）", " beyond")
                    : w("（至 ", " up to ") + Receipt.yuan(e.upTo()) + w(" 元）", " yuan"));
            case CATEGORIES -> String.join(", ", e.items());
            case CODE -> Long.toString(v);
        };
    }

    /** The clause, marked [interp] or [assumed] when that is its basis. */
    static String source(Param p) {
        return switch (p.basis()) {
            case DOCUMENT -> p.source();
            case INTERP -> p.source() + " [interp]";
            case ASSUMED -> p.source().strip().equalsIgnoreCase("assumed") ? "[assumed]" : p.source() + " [assumed]";
        };
    }

    private static String when(String instant) {
        try {
            return WHEN.format(Instant.parse(instant));
        } catch (RuntimeException e) {
            return instant;
        }
    }

    private void rule() {
        line("-".repeat(name + valueWidth + 24));
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
