package cn.onestop.engine;

import cn.onestop.request.BillLine;
import cn.onestop.rules.LineRules;
import cn.onestop.rules.Param;

import java.util.List;

/**
 * Line classification (POLICY §2, §10.1): each line's amount goes to own pay, over-limit self pay,
 * 先行自付 or in scope. One pass, no allocation per line.
 */
final class LineClassifier {
    private LineClassifier() {
    }

    static void classify(Split s) {
        LineRules r = s.rules.lines();
        int bBp = r.bPreselfpay().bp();
        Param bedCap = r.hasBedCaps() ? r.bedCap(s.inst.level(), s.person.medicalCare()) : null;
        long perDay = bedCap == null ? -1 : bedCap.value();
        long bBase = 0;
        long bPre = 0;
        long consumableBase = 0;
        long consumablePre = 0;
        long bedBase = 0;
        long medfee = 0;
        long fulamt = 0;
        long overlmt = 0;
        long inscp = 0;
        long tcm = 0;
        List<BillLine> lines = s.req.lines();
        for (int i = 0, n = lines.size(); i < n; i++) {
            BillLine line = lines.get(i);
            long amount = line.amount();
            long in;
            medfee += amount;
            switch (line.category()) {
                case A -> in = amount;
                case B, BLOOD -> {
                    long pre = Money.pay(amount, bBp);
                    bBase += amount;
                    bPre += pre;
                    in = amount - pre;
                }
                case CONSUMABLE -> {
                    long pre = Money.pay(amount, line.selfRatioBp());
                    consumableBase += amount;
                    consumablePre += pre;
                    in = amount - pre;
                }
                case BED -> {
                    bedBase += amount;
                    if (perDay < 0) {
                        in = amount;
                    } else {
                        long limit = perDay != 0 && line.qty() > Long.MAX_VALUE / perDay
                                ? Long.MAX_VALUE : perDay * line.qty();
                        in = Math.min(amount, limit);
                        overlmt += amount - in;
                    }
                }
                default -> {
                    // SELF, EXCLUDED
                    fulamt += amount;
                    in = 0;
                }
            }
            inscp += in;
            if (line.tcmDrug()) {
                tcm += in;
            }
        }
        s.medfee = medfee;
        s.fulamt = fulamt;
        s.overlmt = overlmt;
        s.preselfpay = bPre + consumablePre;
        s.inscp = inscp;
        s.tcmInscp = tcm;

        List<Param> none = List.of();
        if (bBase > 0) {
            s.step("preselfpay_amt", "乙类 and blood lines: share paid first by the person, per line", bBase, bBp,
                    Step.NONE, bPre, List.of(r.bPreselfpay()));
        }
        if (consumableBase > 0) {
            s.step("preselfpay_amt", "consumables: each line's catalog self_ratio_bp", consumableBase, Step.NONE,
                    Step.NONE, consumablePre, none);
        }
        if (bedBase > 0) {
            List<Param> ps = bedCap == null ? none : List.of(bedCap);
            s.step("overlmt_selfpay", bedCap == null ? "bed lines: the plan states no bed cap, wholly in scope"
                    : "bed lines: above the daily cap × days of each line", bedBase, Step.NONE, perDay, overlmt, ps);
        }
        if (fulamt > 0) {
            s.step("fulamt_ownpay_amt", "out-of-catalog and excluded lines", fulamt, Step.NONE, Step.NONE, fulamt, none);
        }
        s.step("inscp_scp_amt", "in scope: medfee − own pay − over limit − paid first", medfee, Step.NONE, Step.NONE,
                inscp, none);
    }
}
