package cn.onestop.settle;

import java.time.Duration;

/**
 * How settlements are gathered into shared commits: {@code lanes} writers each commit one batch at
 * a time, of at most {@code maxSize} settlements of different persons; a writer that finds fewer
 * waiting waits at most {@code linger} for company (a lone caller is not held longer); at most
 * {@code queue} settlements wait, more are refused at once as overload.
 */
public record Batching(int lanes, int maxSize, Duration linger, int queue) {
    public Batching {
        if (lanes < 1 || lanes > 64) {
            throw new IllegalArgumentException("batch.lanes must be 1..64, got " + lanes);
        }
        if (maxSize < 1 || maxSize > 1_000) {
            throw new IllegalArgumentException("batch.max-size must be 1..1000, got " + maxSize);
        }
        if (linger.isNegative() || linger.toMillis() > 100) {
            throw new IllegalArgumentException("batch.linger must be 0..100 ms, got " + linger);
        }
        if (queue < 1) {
            throw new IllegalArgumentException("batch.queue must be positive, got " + queue);
        }
    }

    /** Two writers, batches of up to 64, a 200 µs linger, 4096 waiting. */
    public static Batching defaults() {
        return new Batching(2, 64, Duration.ofNanos(200_000), 4_096);
    }
}
