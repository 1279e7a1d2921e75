package cn.onestop.request;

import cn.onestop.kernel.InvalidRequestException;

import java.time.LocalDate;

/**
 * A medical-assistance identity held by a person, valid from {@code from} to {@code to}
 * inclusive; {@code to == null} means open-ended (POLICY §10.7).
 */
public record AssistanceIdentity(AssistanceCategory category, LocalDate from, LocalDate to) {
    public AssistanceIdentity {
        Require.present(category, "category");
        Require.present(from, "from");
        if (to != null && to.isBefore(from)) {
            throw new InvalidRequestException("to", "ends before it starts (" + from + " > " + to + ")");
        }
    }

    /** Whether the identity is held on {@code date} (A §15: identity at settlement decides). */
    public boolean validOn(LocalDate date) {
        return !date.isBefore(from) && (to == null || !date.isAfter(to));
    }
}
