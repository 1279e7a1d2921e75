package cn.onestop.kernel;

import java.time.Duration;
import java.util.Optional;

/**
 * When a call's answer stops being useful: a point on the monotonic clock. Work checks it before it
 * starts, statements wait at most until it, and a retry is only made while time is left.
 */
public final class Deadline {
    /** The deadline of the call running on this thread (see {@link #enter}). */
    private static final ThreadLocal<Deadline> CURRENT = new ThreadLocal<>();

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

    /**
     * Makes this the deadline of the call running on this thread until the scope is closed, so that
     * what the call waits for deep down (a pooled connection) waits no longer than the call may.
     */
    public Scope enter() {
        Deadline outer = CURRENT.get();
        CURRENT.set(this);
        return () -> {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        };
    }

    /** The deadline of the call running on this thread, if it {@link #enter entered} one. */
    public static Optional<Deadline> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Where a call's deadline is the thread's current one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    @Override
    public String toString() {
        return "Deadline[in " + remaining().toMillis() + " ms]";
    }
}
