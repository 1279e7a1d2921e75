package cn.onestop.clearing;

import cn.onestop.centre.AdminDivision;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Port: the ledger as clearing reads it. Every read is one read-only transaction that takes no lock on
 * the settlement tables, so it never holds up a checkout; entries are streamed, not collected.
 */
public interface Books {
    /** Whether {@code code} is a registered designated institution. */
    boolean institutionExists(String code);

    /** Whether any person is insured in {@code region} or any institution treats there. */
    boolean regionKnown(AdminDivision region);

    /**
     * Every settlement and reversal committed at the institution in {@code [from, to)}, in no
     * particular order; with their fund rows when {@code funds}.
     */
    void ofInstitution(String institutionCode, Instant from, Instant to, boolean funds, Consumer<Entry> each);

    /**
     * The same entries summed by insurance type × clearing type × clearing category, settlements and
     * reversals apart (a combination may come twice: once with each), in no particular order.
     */
    void totalsOf(String institutionCode, Instant from, Instant to, Consumer<GroupTotal> each);

    /**
     * Every cross-region settlement and reversal (clearing category not LOCAL) of persons insured in
     * {@code insured}, committed in {@code [from, to)}, with their fund rows, in no particular order.
     */
    void crossRegionOf(AdminDivision insured, Instant from, Instant to, Consumer<Entry> each);
}
