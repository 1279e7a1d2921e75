package cn.onestop.settle;

import java.util.Objects;

/** What PreSettle (试算) answers: the person found by the credential, and the bill as it would split now. */
public record PreSettled(String personId, SettledBill bill) {
    public PreSettled {
        Objects.requireNonNull(personId, "personId");
        Objects.requireNonNull(bill, "bill");
    }
}
