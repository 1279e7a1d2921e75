package cn.onestop.clearing;

import java.util.Objects;

/** One fund's part of an entry: the national fund type code and the amount, fen (negative for a reversal). */
public record FundAmount(String fundType, long amount) {
    public FundAmount {
        Objects.requireNonNull(fundType, "fundType");
    }
}
