package cn.onestop.kernel;

import java.time.Duration;

/**
 * When a call's answer stops being useful: a point on the monotonic clock. Work checks it before it
 * starts, statements wait at most until it, and a retry is only made while time is left.
 */
public final class Deadline {
    private final long atNanos;

    private Deadline(long atNanos) {
        this.atNanos = atNanos;
    }

    /** {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    /** Time left; zero or negative once passed. */
    public Duration remaining() {
        return Duration.ofNanos(atNanos - System.nanoTime());
    }

    public boolean expired() {
        return atNanos - System.nanoTime() <= 0;
    }

    /** Whole seconds left, rounded up, at least 1: a statement's query timeout. */
    public int seconds() {
        long ms = remaining().toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (ms + 999) / 1000));
    }

    /** The earlier of this deadline and {@code timeout} from now. */
    public Deadline atMost(Duration timeout) {
        long other = System.nanoTime() + timeout.toNanos();
        return other - atNanos < 0 ? new Deadline(other) : this;
    }

    @Override
    public String toString() {
        return "Deadline[in " + remaining().toMillis() + " ms]";
    }
}
