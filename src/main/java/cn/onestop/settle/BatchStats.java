package cn.onestop.settle;

/**
 * How settlements have been committed: in how many batches, how many settlements those held, and how
 * many times a batch whose conflicts did not clear was split in halves.
 */
public record BatchStats(long batches, long settlements, long splits) {
    /** Settlements per commit, on average. */
    public double meanSize() {
        return batches == 0 ? 0 : (double) settlements / batches;
    }
}
