package cn.onestop.clearing;

/**
 * How much of one core a clearing read may keep busy while it runs: after every {@value #SLICE} rows it
 * rests in proportion to the time it worked, so a month's reconciliation takes its share of the machine
 * and leaves the rest to checkout. An operational setting ({@code clearing.cpu-share}): it changes how
 * long a reconciliation takes, never what it finds.
 *
 * @param share of one core, more than 0 and at most 1 (1 = never rest)
 */
public record Pacing(double share) {
    /** Rows between two rests. */
    public static final int SLICE = 2_000;
    /** No rest at all. */
    public static final Pacing NONE = new Pacing(1.0);

    public Pacing {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("clearing.cpu-share must be more than 0 and at most 1, got " + share);
        }
    }

    /** A pace for one read. */
    public Pace start() {
        return new Pace(share);
    }

    /** One read's pace: count rows with {@link #row()}. Not thread-safe: one per read. */
    public static final class Pace {
        private final double rest;
        private long sliceStart = System.nanoTime();
        private int rows;

        private Pace(double share) {
            this.rest = 1 / share - 1;
        }

        /** One row read; every {@value #SLICE} rows, rests in proportion to the work since the last rest. */
        public void row() {
            if (rest == 0 || ++rows % SLICE != 0) {
                return;
            }
            long worked = System.nanoTime() - sliceStart;
            long sleep = (long) (worked * rest);
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            sliceStart = System.nanoTime();
        }
    }
}
