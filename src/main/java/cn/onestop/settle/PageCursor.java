package cn.onestop.settle;

import java.time.LocalDate;
import java.util.Objects;

/** Where a page of settlements ends: the last record's settlement date and id (newest first). */
public record PageCursor(LocalDate settleDate, String settlementId) {
    public PageCursor {
        Objects.requireNonNull(settleDate, "settleDate");
        Objects.requireNonNull(settlementId, "settlementId");
    }
}
