package cn.onestop.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable index of catalog versions by region and effective date, with the rule book's
 * semantics: a version is in force from its {@code effective_from} to its {@code effective_to},
 * or, when that is open, until the region's next version starts.
 */
public final class CatalogIndex {
    private static final CatalogIndex EMPTY = new CatalogIndex(Map.of(), List.of());

    private final Map<String, CatalogVersion[]> byRegion;
    private final List<CatalogVersion> all;

    private CatalogIndex(Map<String, CatalogVersion[]> byRegion, List<CatalogVersion> all) {
        this.byRegion = byRegion;
        this.all = all;
    }

    public static CatalogIndex empty() {
        return EMPTY;
    }

    /**
     * Indexes the versions.
     *
     * @throws IllegalArgumentException two versions of a region start on the same day, or a
     *     version's {@code effective_to} reaches into the next version of its region
     */
    public static CatalogIndex of(Collection<CatalogVersion> versions) {
        Map<String, List<CatalogVersion>> grouped = new HashMap<>();
        for (CatalogVersion v : versions) {
            grouped.computeIfAbsent(v.region(), k -> new ArrayList<>()).add(v);
        }
        Map<String, CatalogVersion[]> byRegion = new HashMap<>();
        List<CatalogVersion> all = new ArrayList<>();
        grouped.forEach((region, list) -> {
            list.sort(Comparator.comparing(CatalogVersion::effectiveFrom));
            for (int i = 1; i < list.size(); i++) {
                CatalogVersion prev = list.get(i - 1);
                CatalogVersion next = list.get(i);
                if (prev.effectiveFrom().equals(next.effectiveFrom())) {
                    throw new IllegalArgumentException(next.id() + " is given twice");
                }
                if (prev.effectiveTo() != null && !prev.effectiveTo().isBefore(next.effectiveFrom())) {
                    throw new IllegalArgumentException(next.id() + ": effective range overlaps " + prev.id()
                            + " (in force to " + prev.effectiveTo() + ")");
                }
            }
            byRegion.put(region, list.toArray(CatalogVersion[]::new));
            all.addAll(list);
        });
        all.sort(Comparator.comparing(CatalogVersion::region).thenComparing(CatalogVersion::effectiveFrom));
        return new CatalogIndex(Map.copyOf(byRegion), List.copyOf(all));
    }

    /** A new index with {@code v} added; this one is unchanged. */
    public CatalogIndex with(CatalogVersion v) {
        List<CatalogVersion> list = new ArrayList<>(all);
        list.add(v);
        return of(list);
    }

    /** The version of {@code region} in force on {@code date}, or null. */
    public CatalogVersion find(String region, LocalDate date) {
        CatalogVersion[] versions = byRegion.get(region);
        if (versions == null) {
            return null;
        }
        for (int i = versions.length - 1; i >= 0; i--) {
            CatalogVersion v = versions[i];
            if (!date.isBefore(v.effectiveFrom())) {
                return v.effectiveTo() == null || !date.isAfter(v.effectiveTo()) ? v : null;
            }
        }
        return null;
    }

    /** The version with this id ({@code REGION@effective_from}), or null. */
    public CatalogVersion byId(String id) {
        for (CatalogVersion v : all) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        return null;
    }

    /** Every version, by region and start date. */
    public List<CatalogVersion> versions() {
        return all;
    }
}
