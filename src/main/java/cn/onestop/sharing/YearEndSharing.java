package cn.onestop.sharing;

import cn.onestop.engine.Money;

/**
 * E §52, exactly as POLICY §11 states it. With {@code B} the budget (DIP) or quota total and
 * {@code A} the actual inpatient pool spending: {@code b10 = B + pay(B, float)}, {@code b15 = B +
 * pay(B, upper)}, {@code b90 = B - pay(B, float)}, {@code b85 = B - pay(B, upper)}.
 */
public final class YearEndSharing {
    /** The largest budget or spending accepted: 10 trillion yuan, far from any overflow. */
    public static final long MAX_AMOUNT = 1_000_000_000_000_000L;

    private YearEndSharing() {
    }

    public static SharingResult share(SharingScheme scheme, long budget, long actual, SharingTerms t) {
        if (budget < 0 || budget > MAX_AMOUNT) {
            throw new IllegalArgumentException("budget: must be 0.." + MAX_AMOUNT + " fen, got " + budget);
        }
        if (actual < 0 || actual > MAX_AMOUNT) {
            throw new IllegalArgumentException("actual: must be 0.." + MAX_AMOUNT + " fen, got " + actual);
        }
        long b10 = budget + Money.pay(budget, t.floatBand().bp());
        return scheme == SharingScheme.DIP ? dip(budget, actual, b10, t) : quota(budget, actual, b10, t);
    }

    /** E §52(一). */
    private static SharingResult dip(long b, long a, long b10, SharingTerms t) {
        if (a <= b) {
            return result(SharingScheme.DIP, b, a, a, 0, 0, SharingBand.WITHIN_BUDGET, t);
        }
        long over = Math.min(a, b10) - b;
        long hospitalHalf = Money.pay(over, t.overspendShare().bp());
        long centreHalf = Money.pay(over - hospitalHalf, t.assessment().bp());
        long beyond = Math.max(0, a - b10);
        long hospital = over - centreHalf + beyond;
        return result(SharingScheme.DIP, b, a, a - hospital, hospital, 0,
                beyond > 0 ? SharingBand.DIP_ABOVE_110 : SharingBand.DIP_SHARED, t);
    }

    /** E §52(二). */
    private static SharingResult quota(long b, long a, long b10, SharingTerms t) {
        long b15 = b + Money.pay(b, t.upperFloat().bp());
        long b90 = b - Money.pay(b, t.floatBand().bp());
        long b85 = b - Money.pay(b, t.upperFloat().bp());
        if (a < b85) {
            return result(SharingScheme.QUOTA, b, a, a, 0, 0, SharingBand.QUOTA_BELOW_85, t);
        }
        if (a < b90) {
            long reward = Money.pay(b90 - a, t.rewardShare().bp());
            return result(SharingScheme.QUOTA, b, a, a + reward, 0, reward, SharingBand.QUOTA_SAVING, t);
        }
        if (a <= b10) {
            return result(SharingScheme.QUOTA, b, a, a, 0, 0, SharingBand.QUOTA_WITHIN_FLOAT, t);
        }
        long over = Math.min(a, b15) - b10;
        long beyond = Math.max(0, a - b15);
        long hospital = Money.pay(over, t.overspendShare().bp()) + beyond;
        return result(SharingScheme.QUOTA, b, a, a - hospital, hospital, 0,
                beyond > 0 ? SharingBand.QUOTA_ABOVE_115 : SharingBand.QUOTA_SHARED, t);
    }

    private static SharingResult result(SharingScheme s, long b, long a, long centre, long hospital, long reward,
                                        SharingBand band, SharingTerms t) {
        return new SharingResult(s, b, a, centre, hospital, reward, band, t.all());
    }
}
