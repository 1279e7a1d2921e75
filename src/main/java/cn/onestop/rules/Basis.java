package cn.onestop.rules;

/** Where a rule-table parameter comes from (POLICY.md §8, "Provenance"). */
public enum Basis {
    /** Stated by the cited document. */
    DOCUMENT,
    /** The document is ambiguous; POLICY.md fixes a reading ([interp]). */
    INTERP,
    /** No document states it; a sample value to be replaced by the real one ([assumed]). */
    ASSUMED
}
