package cn.onestop.settle;

/** How settlements have been committed: in how many batches, and how many settlements those held. */
public record BatchStats(long batches, long settlements) {
    /** Settlements per commit, on average. */
    public double meanSize() {
        return batches == 0 ? 0 : (double) settlements / batches;
    }
}
