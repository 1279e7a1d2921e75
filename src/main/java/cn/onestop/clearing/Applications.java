package cn.onestop.clearing;

import cn.onestop.kernel.Caller;

import cn.onestop.centre.ClearingType;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Optional;

/** Port: clearing applications. At most one application of an institution, month and clearing type is live. */
public interface Applications {
    Optional<ClearingApplication> find(String applicationId);

    /** The live (applied or accepted) application of the institution, month and type, if any. */
    Optional<ClearingApplication> live(String institutionCode, ClearingType type, YearMonth month);

    /** Stores a new application unless a live one exists; answers the live one. */
    ClearingApplication insert(ClearingApplication a, Caller by);

    /**
     * Moves the application from {@code from} to {@code to} at {@code at} if it is in {@code from};
     * answers it as it is afterwards.
     */
    Optional<ClearingApplication> move(String applicationId, ClearingApplication.Status from,
                                       ClearingApplication.Status to, Instant at, Caller by);
}
