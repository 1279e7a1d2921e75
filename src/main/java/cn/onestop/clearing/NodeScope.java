package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;

import java.util.Set;
import java.util.TreeSet;

/**
 * The insured regions a clearing node serves: it sees only their extracts. Who the caller is, and so
 * which regions, is for the identity of the call to say; until then the front passes them in.
 */
public record NodeScope(Set<AdminDivision> regions) {
    public NodeScope {
        regions = Set.copyOf(new TreeSet<>(regions));
    }

    public boolean serves(AdminDivision region) {
        return regions.contains(region);
    }
}
