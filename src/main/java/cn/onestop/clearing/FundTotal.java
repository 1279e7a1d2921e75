package cn.onestop.clearing;

import java.util.Objects;

/**
 * One fund's totals: the national fund type code, the net count of entries it paid in (a settlement
 * +1, a reversal -1), and the net amount, fen.
 */
public record FundTotal(String fundType, long count, long amount) {
    public FundTotal {
        Objects.requireNonNull(fundType, "fundType");
    }
}
