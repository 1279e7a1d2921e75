package cn.onestop.engine;

/**
 * A fund paying portions of expense in order against a remaining annual cap (POLICY §1): when a
 * portion would take it past the cap it pays exactly what is left, consumes
 * {@code ceil(C × 10000 / r)} of the portion, and the rest of it and every later portion overflow
 * to the next layer.
 */
final class CappedFund {
    private long remaining;
    private long paid;
    private long overflow;
    private boolean reached;

    CappedFund(long remaining) {
        this.remaining = remaining;
    }

    /** Pays {@code pay(x, r)} or what is left of the cap; returns what this portion paid. */
    long portion(long x, int r) {
        if (reached) {
            overflow += x;
            return 0;
        }
        long p = Money.pay(x, r);
        if (p <= remaining) {
            paid += p;
            remaining -= p;
            return p;
        }
        long c = remaining;
        overflow += x - Money.consumed(c, r, x);
        paid += c;
        remaining = 0;
        reached = true;
        return c;
    }

    long paid() {
        return paid;
    }

    /** Expense the fund did not take because its cap was reached. */
    long overflow() {
        return overflow;
    }

    boolean capReached() {
        return reached;
    }
}
