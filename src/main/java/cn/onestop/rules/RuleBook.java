package cn.onestop.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable index of rule versions by plan and effective date. A version is in force from its
 * {@code effective_from} to its {@code effective_to}, or, when that is open, until the next
 * version of the same plan starts. Publishing builds a new book; no version is ever changed.
 * Versions that cannot stand together are refused with {@link RuleVersionConflictException}.
 */
public final class RuleBook {
    private static final RuleBook EMPTY = new RuleBook(Map.of(), Map.of());

    private final Map<String, RuleTable[]> byPlan;
    private final Map<String, RuleTable> byId;
    private final RuleTable[] assistance;
    private final RuleTable[] centre;

    private RuleBook(Map<String, RuleTable[]> byPlan, Map<String, RuleTable> byId) {
        this.byPlan = byPlan;
        this.byId = byId;
        this.assistance = byPlan.getOrDefault(RuleTable.ASSISTANCE_PLAN, new RuleTable[0]);
        this.centre = byPlan.getOrDefault(RuleTable.CENTRE_PLAN, new RuleTable[0]);
    }

    public static RuleBook empty() {
        return EMPTY;
    }

    /** Indexes the versions; refuses duplicates, overlapping ranges and a plan that changes scheme. */
    public static RuleBook of(Collection<RuleTable> tables) {
        Map<String, List<RuleTable>> grouped = new HashMap<>();
        Map<String, RuleTable> byId = new HashMap<>();
        for (RuleTable t : tables) {
            RuleTable dup = byId.putIfAbsent(t.id(), t);
            if (dup != null) {
                if (dup.digest().equals(t.digest())) {
                    continue;
                }
                throw new RuleVersionConflictException(t.id() + ": two different versions start on "
                        + t.effectiveFrom()
                        + "; a published version never changes, publish a new effective date instead");
            }
            grouped.computeIfAbsent(t.plan(), k -> new ArrayList<>()).add(t);
        }
        Map<String, RuleTable[]> byPlan = new HashMap<>();
        grouped.forEach((plan, list) -> {
            list.sort(Comparator.comparing(RuleTable::effectiveFrom));
            for (int i = 1; i < list.size(); i++) {
                RuleTable prev = list.get(i - 1);
                RuleTable next = list.get(i);
                if (prev.scheme() != next.scheme()) {
                    throw new RuleVersionConflictException(next.id() + ": scheme " + next.scheme() + " differs from "
                            + prev.id() + " (" + prev.scheme() + ")");
                }
                if (prev.effectiveTo() != null && !prev.effectiveTo().isBefore(next.effectiveFrom())) {
                    throw new RuleVersionConflictException(next.id() + ": effective range overlaps " + prev.id()
                            + " (in force to " + prev.effectiveTo() + ")");
                }
            }
            byPlan.put(plan, list.toArray(RuleTable[]::new));
        });
        return new RuleBook(Map.copyOf(byPlan), Map.copyOf(byId));
    }

    /** A new book with {@code table} added (publishing); this book is unchanged. */
    public RuleBook with(RuleTable table) {
        List<RuleTable> all = new ArrayList<>(byId.values());
        all.add(table);
        return of(all);
    }

    /** The version of {@code plan} in force on {@code date}, or null. */
    public RuleTable find(String plan, LocalDate date) {
        RuleTable[] versions = byPlan.get(plan);
        return versions == null ? null : inForce(versions, date);
    }

    /**
     * A plan's versions, for a caller that needs both its scheme and the version in force with
     * one lookup; null when the plan is unknown.
     */
    public Plan plan(String plan) {
        RuleTable[] versions = byPlan.get(plan);
        return versions == null || RuleTable.schemeless(plan) ? null : new Plan(versions);
    }

    /** The versions of one plan. */
    public static final class Plan {
        private final RuleTable[] versions;

        private Plan(RuleTable[] versions) {
            this.versions = versions;
        }

        public Scheme scheme() {
            return versions[0].scheme();
        }

        /** The version in force on {@code date}, or null. */
        public RuleTable find(LocalDate date) {
            return inForce(versions, date);
        }
    }

    private static RuleTable inForce(RuleTable[] versions, LocalDate date) {
        for (int i = versions.length - 1; i >= 0; i--) {
            RuleTable v = versions[i];
            if (!date.isBefore(v.effectiveFrom())) {
                return v.effectiveTo() == null || !date.isAfter(v.effectiveTo()) ? v : null;
            }
        }
        return null;
    }

    /** The medical-assistance rules in force on {@code date}, or null. */
    public RuleTable assistance(LocalDate date) {
        return inForce(assistance, date);
    }

    /** The rules of settlement with the centre (E §50–§52) in force on {@code date}, or null. */
    public CentreRules centre(LocalDate date) {
        RuleTable t = inForce(centre, date);
        return t == null ? null : t.sections().centre();
    }

    /** The version of the centre rules in force on {@code date}, or null. */
    public RuleTable centreTable(LocalDate date) {
        return inForce(centre, date);
    }

    /** The newest version of the centre rules (the one that starts last), or null when there is none. */
    public CentreRules latestCentre() {
        return centre.length == 0 ? null : centre[centre.length - 1].sections().centre();
    }

    /** The scheme of a plan, or null when the plan is unknown. */
    public Scheme scheme(String plan) {
        RuleTable[] versions = byPlan.get(plan);
        return versions == null || RuleTable.schemeless(plan) ? null : versions[0].scheme();
    }

    /** Every plan with its scheme (the assistance and centre rules are not plans). */
    public Map<String, Scheme> plans() {
        Map<String, Scheme> out = new java.util.TreeMap<>();
        byPlan.forEach((plan, versions) -> {
            if (!RuleTable.schemeless(plan)) {
                out.put(plan, versions[0].scheme());
            }
        });
        return out;
    }

    public RuleTable byId(String id) {
        return byId.get(id);
    }

    /** Every version of every plan, by plan then effective date. */
    public List<RuleTable> versions() {
        List<RuleTable> out = new ArrayList<>(byId.values());
        out.sort(Comparator.comparing(RuleTable::plan).thenComparing(RuleTable::effectiveFrom));
        return out;
    }

    public int size() {
        return byId.size();
    }
}
