package cn.onestop.engine;

import cn.onestop.request.Accumulators;
import cn.onestop.rules.Param;

import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A split bill: the amounts, one row per paying fund, the accumulator changes it causes, flags,
 * warnings and the explanation.
 *
 * @param ruleVersion the plan rule version used
 * @param assistanceVersion the assistance rule version used, or null when none was in force
 * @param delta the change to the person's year-to-date accumulators
 * @param familyDebit what the family member's account pays (W §4), part of {@code acct_pay}
 */
public record Settlement(String ruleVersion, String assistanceVersion, SetlInfo amounts, List<FundPayment> funds,
                         Accumulators delta, long familyDebit, List<Flag> flags, List<Warning> warnings,
                         List<Step> steps) {
    public Settlement {
        Objects.requireNonNull(ruleVersion, "ruleVersion");
        Objects.requireNonNull(amounts, "amounts");
        funds = List.copyOf(funds);
        Objects.requireNonNull(delta, "delta");
        flags = List.copyOf(flags);
        warnings = List.copyOf(warnings);
        steps = List.copyOf(steps);
    }

    /** The account debit of the person's own account: {@code acct_pay − acct_mulaid_pay}. */
    public long ownAccountDebit() {
        return amounts.acctPay() - amounts.acctMulaidPay();
    }

    /**
     * The rule-table parameters marked {@code assumed} that this settlement used, by name, so a
     * sample number is never taken for policy.
     */
    public List<Param> assumedParams() {
        TreeMap<String, Param> used = new TreeMap<>();
        for (Step s : steps) {
            for (Param p : s.params()) {
                if (p.assumed()) {
                    used.putIfAbsent(p.name(), p);
                }
            }
        }
        return List.copyOf(used.values());
    }
}
