package cn.onestop.engine;

import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.rules.LineRules;
import cn.onestop.rules.Param;

/**
 * One line's classification on its own (POLICY §2), as a fee-detail review answers it line by line
 * (明细审核): the same arithmetic as the split's line classification, so the shares of a bill's lines
 * add up to the split's {@code fulamt_ownpay_amt}, {@code overlmt_selfpay}, {@code preselfpay_amt} and
 * {@code inscp_scp_amt}. All fen.
 *
 * @param selfRatioBp the share the person pays first of what is left after the price limit: 乙类 the
 *     plan's 先行自付 ratio, a consumable its catalog ratio, own-pay lines 10000, others 0
 */
public record LineShare(long amount, long fulamtOwnpay, long overlmtSelfpay, long preselfpay, long inscp,
                        int selfRatioBp) {
    public LineShare {
        if (fulamtOwnpay + overlmtSelfpay + preselfpay + inscp != amount) {
            throw new IllegalStateException("a line's shares must add up to its amount");
        }
    }

    /**
     * The shares of {@code line} under {@code rules} at an institution of {@code level}, for a person
     * under medical care or not (the bed cap).
     */
    public static LineShare of(BillLine line, LineRules rules, int level, boolean medicalCare) {
        long whole = line.amount();
        Category c = line.category();
        boolean ownPay = c == Category.SELF || c == Category.EXCLUDED;
        long overLimit = line.priceLimit() == BillLine.NO_LIMIT || ownPay ? 0 : line.overPriceLimit();
        long amount = whole - overLimit;
        return switch (c) {
            case A -> new LineShare(whole, 0, overLimit, 0, amount, 0);
            case B, BLOOD -> {
                int bp = rules.bPreselfpay().bp();
                long pre = Money.pay(amount, bp);
                yield new LineShare(whole, 0, overLimit, pre, amount - pre, bp);
            }
            case CONSUMABLE -> {
                long pre = Money.pay(amount, line.selfRatioBp());
                yield new LineShare(whole, 0, overLimit, pre, amount - pre, line.selfRatioBp());
            }
            case BED -> {
                Param cap = rules.hasBedCaps() ? rules.bedCap(level, medicalCare) : null;
                long over = 0;
                if (cap != null) {
                    long perDay = cap.value();
                    long limit = perDay > 0 && line.qty() > Long.MAX_VALUE / perDay ? Long.MAX_VALUE
                            : perDay * line.qty();
                    over = amount - Math.min(amount, limit);
                }
                yield new LineShare(whole, 0, overLimit + over, 0, amount - over, 0);
            }
            case SELF, EXCLUDED -> new LineShare(whole, whole, 0, 0, 0, Money.FULL);
        };
    }
}
