package cn.onestop.engine;

import java.util.Objects;

/** One fund detail row of a settlement (setldetail): a fund and what it paid, fen. */
public record FundPayment(FundType fund, long amount) {
    public FundPayment {
        Objects.requireNonNull(fund, "fund");
        if (amount <= 0) {
            throw new IllegalArgumentException("a fund row carries a positive amount, got " + amount);
        }
    }
}
