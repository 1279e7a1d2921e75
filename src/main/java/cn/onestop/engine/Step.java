package cn.onestop.engine;

import cn.onestop.rules.Param;

import java.util.List;
import java.util.Objects;

/**
 * One line of a settlement's explanation: which amount, by which rule, from which base, ratio and
 * cap, and the rule-table parameters behind it (each with its clause and basis).
 *
 * @param field the setlinfo amount it explains, e.g. {@code hifp_pay}
 * @param rule what was done, e.g. {@code segment 1 (to 3500000 on the annual axis)}
 * @param base the expense or base the rule worked on, fen
 * @param ratioBp the ratio applied, or {@link #NONE}
 * @param cap the remaining cap it met, or {@link #NONE}
 * @param amount the result of this step, fen
 */
public record Step(String field, String rule, long base, int ratioBp, long cap, long amount, List<Param> params) {
    public static final int NONE = -1;

    public Step {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(rule, "rule");
        params = List.copyOf(params);
    }

    /** The clauses behind the step, from its parameters' sources. */
    public String clauses() {
        StringBuilder sb = new StringBuilder();
        for (Param p : params) {
            if (sb.indexOf(p.source()) < 0) {
                sb.append(sb.length() == 0 ? "" : "; ").append(p.source());
            }
        }
        return sb.toString();
    }
}
