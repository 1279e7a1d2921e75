package cn.onestop.settle;

/**
 * What the use cases tell whoever watches the node (its metrics), as it happens: a settlement made,
 * a settlement reversed, a batch of settlements committed. Replays are not told: nothing moved.
 * Called on the thread that committed, after the callers were answered; an implementation is quick
 * and does not throw (what it throws is dropped).
 */
public interface SettlementEvents {
    /** Nobody watches. */
    SettlementEvents NONE = new SettlementEvents() {
    };

    /** {@code s} was settled now (its fund rows paid). */
    default void settled(SettlementRecord s) {
    }

    /** {@code s} was reversed now (its fund rows paid back). */
    default void reversed(SettlementRecord s) {
    }

    /** One commit held {@code settlements} settlements (answers of any kind). */
    default void batchCommitted(int settlements) {
    }
}
