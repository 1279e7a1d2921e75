package cn.onestop.engine;

import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.rules.LineRules;
import cn.onestop.rules.Param;

import java.util.List;

/**
 * Line classification (POLICY §2, §10.1): each line's amount goes to own pay, over-limit self pay,
 * 先行自付 or in scope. One pass, no allocation per line.
 */
final class LineClassifier {
    // Category ordinals as constants, for a switch on the ordinal (no enum switch-map lookup).
    private static final int A = 0;
    private static final int B = 1;
    private static final int BLOOD = 2;
    private static final int CONSUMABLE = 3;
    private static final int BED = 4;

    static {
        if (Category.A.ordinal() != A || Category.B.ordinal() != B || Category.BLOOD.ordinal() != BLOOD
                || Category.CONSUMABLE.ordinal() != CONSUMABLE || Category.BED.ordinal() != BED) {
            throw new ExceptionInInitializerError("Category order changed: update LineClassifier");
        }
    }

    private LineClassifier() {
    }

    static void classify(Split s) {
        LineRules r = s.rules.lines();
        int bBp = r.bPreselfpay().bp();
        Param bedCap = r.hasBedCaps() ? r.bedCap(s.inst.level(), s.person.medicalCare()) : null;
        long perDay = bedCap == null ? -1 : bedCap.value();
        long maxDays = perDay <= 0 ? Long.MAX_VALUE : Long.MAX_VALUE / perDay; // cap × days fits below this
        // only what the totals need is summed per line; in scope is derived from the identity
        boolean trackTcm = s.inst.tcm() && s.rules.residentInpatient() != null;
        long bBase = 0;
        long bPre = 0;
        long consumableBase = 0;
        long consumablePre = 0;
        long bedBase = 0;
        long medfee = 0;
        long fulamt = 0;
        long bedOver = 0;
        long tcm = 0;
        long priceOver = 0;
        List<BillLine> lines = s.req.lines();
        for (int i = 0, n = lines.size(); i < n; i++) {
            BillLine line = lines.get(i);
            long whole = line.amount();
            medfee += whole;
            // above the catalog's price limit per unit: over-limit self pay; the rest by category
            long overLimit = line.priceLimit() == BillLine.NO_LIMIT || line.category().ordinal() > BED
                    ? 0 : line.overPriceLimit(); // own-pay lines are own pay whole
            priceOver += overLimit;
            long amount = whole - overLimit;
            long outOfScope;
            switch (line.category().ordinal()) { // a jump table: categories come in no predictable order
                case A -> outOfScope = 0;
                case B, BLOOD -> {
                    long pre = Money.pay(amount, bBp);
                    bBase += amount;
                    bPre += pre;
                    outOfScope = pre;
                }
                case CONSUMABLE -> {
                    long pre = Money.pay(amount, line.selfRatioBp());
                    consumableBase += amount;
                    consumablePre += pre;
                    outOfScope = pre;
                }
                case BED -> {
                    bedBase += amount;
                    long over = 0;
                    if (perDay >= 0) {
                        long limit = line.qty() > maxDays ? Long.MAX_VALUE : perDay * line.qty();
                        over = amount - Math.min(amount, limit);
                        bedOver += over;
                    }
                    outOfScope = over;
                }
                default -> {
                    // SELF, EXCLUDED
                    fulamt += amount;
                    outOfScope = amount;
                }
            }
            if (trackTcm && line.tcmDrug()) {
                tcm += amount - outOfScope;
            }
        }
        long overlmt = bedOver + priceOver;
        long inscp = medfee - fulamt - overlmt - bPre - consumablePre;
        s.medfee = medfee;
        s.fulamt = fulamt;
        s.overlmt = overlmt;
        s.preselfpay = bPre + consumablePre;
        s.inscp = inscp;
        s.tcmInscp = tcm;

        explain(s, r, bedCap, new Sums(medfee, fulamt, inscp, bBase, bPre, consumableBase, consumablePre, bedBase,
                bedOver, priceOver));
    }

    /** What the loop summed, for the explanation. */
    private record Sums(long medfee, long fulamt, long inscp, long bBase, long bPre, long consumableBase,
                        long consumablePre, long bedBase, long bedOver, long priceOver) {
    }

    /** One explanation step per kind of line that occurred, and the in-scope total. */
    private static void explain(Split s, LineRules r, Param bedCap, Sums t) {
        long perDay = bedCap == null ? -1 : bedCap.value();
        List<Param> none = List.of();
        if (t.bBase() > 0) {
            s.step("preselfpay_amt", "乙类 and blood lines: share paid first by the person, per line", t.bBase(),
                    r.bPreselfpay().bp(), Step.NONE, t.bPre(), List.of(r.bPreselfpay()));
        }
        if (t.consumableBase() > 0) {
            s.step("preselfpay_amt", "consumables: each line's catalog self_ratio_bp", t.consumableBase(), Step.NONE,
                    Step.NONE, t.consumablePre(), none);
        }
        if (t.bedBase() > 0) {
            List<Param> ps = bedCap == null ? none : List.of(bedCap);
            s.step("overlmt_selfpay", bedCap == null ? "bed lines: the plan states no bed cap, wholly in scope"
                    : "bed lines: above the daily cap × days of each line", t.bedBase(), Step.NONE, perDay,
                    t.bedOver(), ps);
        }
        if (t.priceOver() > 0) {
            s.step("overlmt_selfpay", "lines above the catalog's price limit per unit: the excess × qty", t.medfee(),
                    Step.NONE, Step.NONE, t.priceOver(), none);
        }
        if (t.fulamt() > 0) {
            s.step("fulamt_ownpay_amt", "out-of-catalog and excluded lines", t.fulamt(), Step.NONE, Step.NONE,
                    t.fulamt(), none);
        }
        s.step("inscp_scp_amt", "in scope: medfee − own pay − over limit − paid first", t.medfee(), Step.NONE,
                Step.NONE, t.inscp(), none);
    }
}
