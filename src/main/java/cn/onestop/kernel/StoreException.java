package cn.onestop.kernel;

import java.util.Objects;

/**
 * The store could not do what was asked, for a reason outside the request: it is unreachable, a
 * deadline passed, conflicts did not clear, or it failed. The cause (a database error) is kept.
 * Refusals are never this: they are {@link Result.Failed} values.
 */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of trouble, each answered its own way at the edge. */
    public enum Kind {
        /** The database cannot be reached or lost the connection: retry later, with the same message id. */
        UNAVAILABLE,
        /** A statement or the call ran out of time: the outcome of a write is known not to be committed. */
        TIMEOUT,
        /** Deadlocks, lock waits or unique-key races did not clear within the attempts or the deadline. */
        CONFLICT,
        /** Anything else: a defect or an unexpected database error. */
        FAILED
    }

    private final Kind kind;

    public StoreException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
