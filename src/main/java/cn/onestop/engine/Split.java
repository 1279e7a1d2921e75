package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.Institution;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.request.Visit;
import cn.onestop.rules.Param;
import cn.onestop.rules.RuleTable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * The working state of one split, filled layer by layer in POLICY §3 order. Confined to one call
 * of {@link SplitEngine#split}; never shared.
 */
final class Split {
    final SettlementRequest req;
    final RuleTable table;
    final RuleTable.Sections rules;
    final RuleTable assistanceTable;
    final Person person;
    final Institution inst;
    final Visit visit;
    final Accumulators ytd;
    final LocalDate date;

    /** Settled on the retired row: retired, or an active cr-disabled person where E §36 says so. */
    final boolean retiredRow;
    /** A retired cr-disabled person under a plan with the cr-disabled rules (lower deductible, +200). */
    final boolean crRetired;
    /** Arrears suspend the insurance layers (E §27). */
    final boolean suspended;

    // line classification (POLICY §2)
    long medfee;
    long fulamt;
    long overlmt;
    long preselfpay;
    long inscp;
    /** In-scope amount of lines flagged tcm_drug (R §20 uplift). */
    long tcmInscp;

    // layers (POLICY §3)
    long deductible;
    /** In-scope expense above the deductible: E = inscp − act_pay_dedc. */
    long eligible;
    long hifp;
    long hifob;
    long hifmi;
    long cvlserv;
    long maf;
    long acctOwn;
    long acctFamily;
    long meal;
    /** Whether a pool layer ran; when none does, nothing counts toward a deductible (POLICY §10.2). */
    boolean poolRan;

    final long[] delta = new long[Accumulator.count()];
    final List<Step> steps = new ArrayList<>(16);
    /** Raised flags and warnings; null until the first (most settlements raise none). */
    private EnumSet<Flag> flags;
    private EnumSet<Warning> warnings;

    Split(SettlementRequest req, RuleTable table, RuleTable assistanceTable) {
        this.req = req;
        this.table = table;
        this.rules = table.sections();
        this.assistanceTable = assistanceTable;
        this.person = req.person();
        this.inst = req.institution();
        this.visit = req.visit();
        this.ytd = req.ytd();
        this.date = req.settleDate();
        boolean cr = person.crDisabled() != CrDisabled.NONE && rules.crDisabled() != null;
        boolean retired = person.status() == PersonStatus.RETIRED;
        this.retiredRow = retired || cr && rules.crDisabled().activeAsRetired().value() != 0;
        this.crRetired = retired && cr;
        this.suspended = person.arrears() && rules.arrears() != null && rules.arrears().suspends();
    }

    long ytd(Accumulator a) {
        return ytd.get(a);
    }

    void add(Accumulator a, long amount) {
        delta[a.ordinal()] = Math.addExact(delta[a.ordinal()], amount);
    }

    /** What is left of an annual cap after the year so far, never negative. */
    long remaining(Param cap, Accumulator used) {
        return Math.max(0, cap.value() - ytd(used));
    }

    void step(String field, String rule, long base, int ratioBp, long cap, long amount, List<Param> params) {
        steps.add(new Step(field, rule, base, ratioBp, cap, amount, params));
    }

    void flag(Flag f) {
        if (flags == null) {
            flags = EnumSet.noneOf(Flag.class);
        }
        flags.add(f);
    }

    void warn(Warning w) {
        if (warnings == null) {
            warnings = EnumSet.noneOf(Warning.class);
        }
        warnings.add(w);
    }

    List<Flag> flags() {
        return flags == null ? List.of() : List.copyOf(flags);
    }

    List<Warning> warnings() {
        return warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** The in-policy burden not yet paid by a fund: 先行自付 + in-scope minus every fund so far. */
    long inPolicyBurden() {
        return preselfpay + inscp - hifp - hifob - hifmi - cvlserv - maf;
    }
}
