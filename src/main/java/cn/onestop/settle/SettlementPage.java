package cn.onestop.settle;

import java.util.List;
import java.util.Optional;

/** One page of an institution's settlements, newest first, and where the next page starts if there is one. */
public record SettlementPage(List<SettlementRecord> records, Optional<PageCursor> next) {
    public SettlementPage {
        records = List.copyOf(records);
    }
}
