package cn.onestop.db;

/**
 * What the database layer tells whoever watches it (the metrics): how long each probe's ping took,
 * and each transaction and its COMMIT. Called on the thread that did it; an implementation is quick
 * and does not throw.
 */
public interface DatabaseObserver {
    /** Nobody watches. */
    DatabaseObserver NONE = new DatabaseObserver() {
    };

    /** How a transaction ended. */
    enum End { COMMITTED, ROLLED_BACK, READ }

    /** The probe's ping was answered in {@code nanos}. */
    default void pinged(long nanos) {
    }

    /**
     * One transaction (one attempt of a unit of work: a retried deadlock is two) held its connection
     * for {@code nanos}, from the work's first statement to the end of its COMMIT or ROLLBACK.
     */
    default void transaction(End end, long nanos) {
    }

    /** A COMMIT took {@code nanos}. */
    default void committed(long nanos) {
    }
}
