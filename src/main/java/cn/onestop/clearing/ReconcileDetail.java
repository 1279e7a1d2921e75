package cn.onestop.clearing;

import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Failure;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.Reason;
import cn.onestop.kernel.Result;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * 对明细账: the ledger's settlements and reversals of an institution's accounting days, loaded once
 * into a map, against another list streamed line by line: the centre's detail file (3202, keyed by
 * setl_id), or the hospital billing system's own list of a day (keyed by its message id, so a
 * settlement the billing system never heard of — it timed out, the gateway committed, the commonest
 * 单边账 — is found the same day with the reversal or the record to make).
 */
public final class ReconcileDetail {
    private final Books books;
    private final AccountingCalendar calendar;
    private final Pacing pacing;

    ReconcileDetail(Books books, AccountingCalendar calendar, Pacing pacing) {
        this.books = books;
        this.calendar = calendar;
        this.pacing = pacing;
    }

    /** Against the centre's detail file of {@code from..to} (TAB-separated, optionally zipped). */
    public Result<DetailReconciliation> withCentre(Caller caller, String institutionCode, LocalDate from,
                                                   LocalDate to, InputStream file) {
        Result<DetailReconciliation> denied = ClearingAccess.ownInstitution(caller, institutionCode,
                "reconcile its detail");
        return denied != null ? denied : reconcile(institutionCode, from, to, file, DetailFile.Format.CENTRE);
    }

    /** Against the hospital billing system's list of one day. */
    public Result<DetailReconciliation> withHospital(Caller caller, String institutionCode, LocalDate day,
                                                     InputStream file) {
        Result<DetailReconciliation> denied = ClearingAccess.ownInstitution(caller, institutionCode,
                "reconcile its detail");
        return denied != null ? denied : reconcile(institutionCode, day, day, file, DetailFile.Format.HOSPITAL);
    }

    private Result<DetailReconciliation> reconcile(String institutionCode, LocalDate from, LocalDate to,
                                                   InputStream file, DetailFile.Format format) {
        Result<DetailReconciliation> bad = new Checks(books).institution(institutionCode).range(from, to).refusal();
        if (bad != null) {
            return bad;
        }
        boolean centre = format == DetailFile.Format.CENTRE;
        Map<String, Entry> ours = new HashMap<>();
        books.ofInstitution(institutionCode, calendar.start(from), calendar.end(to), false,
                e -> ours.put(centre ? e.setlId() : e.messageId(), e));
        long entries = ours.size();
        List<Difference> differences = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Long> firstLine = new HashMap<>();
        List<FieldViolation> errors = new ArrayList<>();
        long[] counts = new long[2]; // lines, matched
        Pacing.Pace pace = pacing.start();
        try {
            errors.addAll(DetailFile.read(file, format, l -> {
                pace.row();
                counts[0]++;
                String key = centre ? l.setlId() : l.messageId();
                if (!seen.add(key)) {
                    errors.add(new FieldViolation("line[" + l.line() + "]." + format.columns().get(0),
                            key + " is listed twice (first on line " + firstLine.get(key) + ")"));
                    return;
                }
                firstLine.put(key, l.line());
                Entry e = ours.remove(key);
                if (e == null) {
                    differences.add(missingHere(l, centre));
                    return;
                }
                Difference d = compare(l, e, centre);
                if (d == null) {
                    counts[1]++;
                } else {
                    differences.add(d);
                }
            }));
        } catch (IOException e) {
            errors.add(new FieldViolation("file", "cannot be read: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            return new Result.Failed<>(new Failure(Reason.INVALID_ARGUMENT, "the " + (centre ? "centre's detail file"
                    : "hospital's list") + " has " + errors.size() + " bad line(s); first: " + errors.get(0), errors));
        }
        ours.values().stream().sorted(Comparator.comparing(Entry::at).thenComparing(Entry::setlId))
                .forEach(e -> differences.add(missingThere(e, centre)));
        return Result.ok(new DetailReconciliation(institutionCode, from, to, format, counts[0], entries, counts[1],
                differences));
    }

    private static Difference.Amounts amounts(Listed l) {
        return new Difference.Amounts(l.medfeeSumamt(), l.fundPaySumamt(), l.acctPay(), l.refundFlag());
    }

    private static Difference.Amounts amounts(Entry e) {
        return new Difference.Amounts(e.medfeeSumamt(), e.fundPaySumamt(), e.acctPay(), e.refundFlag());
    }

    private static Difference missingHere(Listed l, boolean centre) {
        if (centre) {
            return new Difference(Difference.Kind.MISSING_HERE, l.line(), l.setlId(), l.mdtrtId(), l.psnNo(), "", "",
                    amounts(l), null, List.of(), Difference.Action.VOID_THERE,
                    "the centre lists a settlement the gateway never committed");
        }
        boolean refund = l.refundFlag() == 1;
        return new Difference(Difference.Kind.MISSING_HERE, l.line(), l.setlId(), "", l.psnNo(), l.messageId(), "",
                amounts(l), null, List.of(), refund ? Difference.Action.REVERSE_AGAIN : Difference.Action.SETTLE_AGAIN,
                refund ? "the billing system booked a refund the gateway never made: send the Reverse again with "
                        + "message id " + l.messageId() + ", or void the refund there"
                        : "the billing system booked a settlement the gateway never committed: send the Settle again "
                        + "with message id " + l.messageId() + " (answered exactly once), or void it there");
    }

    private static Difference missingThere(Entry e, boolean centre) {
        boolean reversal = e.kind() == Entry.Kind.REVERSAL;
        Difference.Action action;
        String advice;
        if (centre) {
            action = Difference.Action.RECORD_THERE;
            advice = "the centre lacks this " + (reversal ? "reversal" : "settlement") + ": upload it";
        } else if (reversal) {
            action = Difference.Action.RECORD_THERE;
            advice = "the billing system lacks this reversal (message id " + e.messageId() + "): record the refund";
        } else {
            action = Difference.Action.REVERSE_HERE;
            advice = "the billing system lacks this settlement (单边账): 冲正 with original_message_id "
                    + e.settlementMessageId() + ", or record settlement " + e.settlementId()
                    + " there if the patient was charged";
        }
        return new Difference(Difference.Kind.MISSING_THERE, 0, e.setlId(), e.mdtrtId(), e.personId(),
                e.messageId(), e.settlementMessageId(), null, amounts(e), List.of(), action, advice);
    }

    /** The differing fields of a line and its entry, or null when they match. */
    private static Difference compare(Listed l, Entry e, boolean centre) {
        List<String> fields = new ArrayList<>(2);
        if (centre && !l.mdtrtId().equals(e.mdtrtId())) {
            fields.add("mdtrt_id");
        }
        if (!centre && !l.setlId().isEmpty() && !l.setlId().equals(e.setlId())) {
            fields.add("setl_id");
        }
        if (!l.psnNo().equals(e.personId())) {
            fields.add("psn_no");
        }
        if (l.medfeeSumamt() != e.medfeeSumamt()) {
            fields.add("medfee_sumamt");
        }
        if (l.fundPaySumamt() != e.fundPaySumamt()) {
            fields.add("fund_pay_sumamt");
        }
        if (l.acctPay() != e.acctPay()) {
            fields.add("acct_pay");
        }
        if (l.refundFlag() != e.refundFlag()) {
            fields.add("refd_setl_flag");
        }
        if (fields.isEmpty()) {
            return null;
        }
        return new Difference(Difference.Kind.DIFFERS, l.line(), e.setlId(), e.mdtrtId(), e.personId(),
                e.messageId(), e.settlementMessageId(), amounts(l), amounts(e), fields, Difference.Action.CORRECT_THERE,
                "differs in " + String.join(", ", fields) + ": the gateway's record is what the funds paid; correct the "
                        + (centre ? "centre's" : "billing system's") + " record, or 冲正 with original_message_id "
                        + e.settlementMessageId() + " and settle again");
    }
}
