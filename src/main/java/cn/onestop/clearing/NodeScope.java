package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;

import java.util.Set;
import java.util.TreeSet;

/**
 * The insured regions a clearing node serves: it sees only their extracts. They come from the
 * node's identity (its principal's regions), never from what a request says.
 */
public record NodeScope(Set<AdminDivision> regions) {
    public NodeScope {
        regions = Set.copyOf(new TreeSet<>(regions));
    }

    public boolean serves(AdminDivision region) {
        return regions.contains(region);
    }
}
