package cn.onestop.cli;

import cn.onestop.kernel.Progress;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * {@link Progress} drawn as one line on a terminal's stderr, redrawn in place ({@code \r}) at most
 * {@link #REDRAWS_PER_SECOND} times a second: the label, the count of the total, the percent, the
 * rate and the time left; for a phase of unknown size the count, the rate and the time so far. When
 * the phase is done the line is replaced by a summary that stays: the count, the time it took, the
 * rate. Not on a terminal (output piped or redirected), nothing at all is drawn: the commands' own
 * output is what a script reads.
 */
final class TerminalProgress implements Progress {
    /** How often the line may be redrawn: often enough to see it move, rarely enough to cost nothing. */
    static final int REDRAWS_PER_SECOND = 4;
    private static final long REDRAW_NANOS = 1_000_000_000L / REDRAWS_PER_SECOND;

    private final PrintStream out;
    private final LongSupplier nanos;
    private final boolean terminal;

    private String label;
    private long total;
    private long count;
    private long startedAt;
    private long drawnAt;
    private int drawnWidth;
    private boolean running;

    /**
     * @param out where to draw (stderr)
     * @param nanos the monotonic clock, in nanoseconds
     * @param terminal whether {@code out} is a terminal; when not, nothing is drawn
     */
    TerminalProgress(PrintStream out, LongSupplier nanos, boolean terminal) {
        this.out = out;
        this.nanos = nanos;
        this.terminal = terminal;
    }

    /** Progress on stderr when the command runs on a terminal ({@link System#console()}), else {@link #NONE}. */
    static Progress onStderr() {
        if (System.console() == null) {
            return NONE;
        }
        return new TerminalProgress(new PrintStream(System.err, true, StandardCharsets.UTF_8), System::nanoTime, true);
    }

    @Override
    public synchronized void start(String label, long total) {
        if (running) {
            done();
        }
        this.label = label;
        this.total = total;
        this.count = 0;
        this.startedAt = nanos.getAsLong();
        this.running = true;
        draw(startedAt);
    }

    @Override
    public synchronized void advance(long n) {
        if (!running) {
            return;
        }
        count += n;
        long now = nanos.getAsLong();
        if (now - drawnAt >= REDRAW_NANOS) {
            draw(now);
        }
    }

    @Override
    public synchronized void done() {
        if (!running) {
            return;
        }
        running = false;
        if (!terminal) {
            return;
        }
        long elapsed = nanos.getAsLong() - startedAt;
        String s = label + "  " + number(count) + (total >= 0 && total != count ? " of " + number(total) : "")
                + " in " + seconds(elapsed) + rate(elapsed, ", ");
        out.print("\r" + padded(s) + "\n");
        out.flush();
        drawnWidth = 0;
    }

    private void draw(long now) {
        drawnAt = now;
        if (!terminal) {
            return;
        }
        out.print("\r" + padded(line(now - startedAt)));
        out.flush();
    }

    /** The line while running. */
    String line(long elapsed) {
        StringBuilder s = new StringBuilder(label).append("  ").append(number(count));
        if (total >= 0) {
            s.append(" of ").append(number(total));
            if (total > 0) {
                s.append("  ").append(count * 100 / total).append('%');
            }
        }
        s.append(rate(elapsed, "  "));
        if (total >= 0) {
            String eta = eta(elapsed);
            if (!eta.isEmpty()) {
                s.append("  ETA ").append(eta);
            }
        } else {
            s.append("  ").append(clock(elapsed / 1_000_000_000L));
        }
        return s.toString();
    }

    /** The time left at the rate so far; empty until there is a rate. */
    private String eta(long elapsed) {
        if (count <= 0 || elapsed <= 0) {
            return "";
        }
        long left = Math.max(0, total - count);
        double secondsLeft = left * (elapsed / 1e9) / count;
        return clock((long) Math.ceil(secondsLeft));
    }

    private String rate(long elapsed, String before) {
        if (elapsed <= 0 || count <= 0) {
            return "";
        }
        return before + number(Math.round(count / (elapsed / 1e9))) + "/s";
    }

    /** Pads with spaces over what the last draw left on the line. */
    private String padded(String s) {
        int w = Receipt.width(s);
        String pad = w < drawnWidth ? " ".repeat(drawnWidth - w) : "";
        drawnWidth = w;
        return s + pad;
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** {@code 4.2 s}. */
    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** {@code m:ss}, or {@code h:mm:ss} from an hour. */
    static String clock(long seconds) {
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s) : String.format(Locale.ROOT, "%d:%02d", m, s);
    }
}
