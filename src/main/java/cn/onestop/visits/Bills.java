package cn.onestop.visits;

import cn.onestop.request.Filing;
import cn.onestop.request.ItemLine;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.SettleCommand;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A visit's fee details as the settlement use cases take a bill: coded lines, one per detail. */
final class Bills {
    private Bills() {
    }

    static SettleCommand command(VisitRecord v, String messageId, CredentialRef credential, String personId,
                                 LocalDate date, VisitType type, boolean useAccount, List<FeeDetail> details) {
        List<ItemLine> lines = new ArrayList<>(details.size());
        for (FeeDetail d : details) {
            lines.add(ItemLine.coded(d.sn(), d.itemCode(), d.unitPrice(), d.qty()));
        }
        Visit visit = new Visit(type, Filing.LOCAL, useAccount, type.isInpatient() ? days(v, date) : 0);
        return new SettleCommand(v.institutionCode(), messageId, credential, personId, date, visit, lines, null, null);
    }

    /** The length of a stay: admission to discharge (or to the settle date, mid-stay), at least a day. */
    static int days(VisitRecord v, LocalDate date) {
        LocalDate end = v.end() != null ? v.end().toLocalDate() : date;
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, ChronoUnit.DAYS.between(v.begin().toLocalDate(), end)));
    }

    /** What the details add up to, fen (each detail's stated amount is checked against price × count). */
    static long total(List<FeeDetail> details) {
        long t = 0;
        for (FeeDetail d : details) {
            t = Math.addExact(t, d.amount());
        }
        return t;
    }
}
