package cn.onestop.cli;

import cn.onestop.kernel.Progress;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Progress on a terminal: count of total, percent, rate, time left, a few redraws a second, a summary; nothing in a pipe. */
class TerminalProgressTest {
    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private TerminalProgress progress(boolean terminal) {
        return new TerminalProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get, terminal);
    }

    private String drawn() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** An import of 200,000 rows in batches of 10,000, one batch every 250 ms: 40,000 rows a second. */
    private static void importOf200000(Progress p, AtomicLong now) {
        p.start("persons.csv: writing persons", 200_000);
        for (int i = 0; i < 20; i++) {
            now.addAndGet(250 * MS);
            p.advance(10_000);
        }
        p.done();
    }

    @Test
    void onATerminalTheLineShowsCountOfTotalPercentRateAndTimeLeftAndEndsInASummary() {
        TerminalProgress p = progress(true);
        p.start("persons.csv: writing persons", 200_000);
        assertEquals("\rpersons.csv: writing persons  0 of 200,000  0%", drawn());
        bytes.reset();

        now.set(100 * MS);
        p.advance(10_000); // too soon after the first draw: not drawn
        assertEquals("", drawn());

        now.set(500 * MS);
        p.advance(10_000); // 20,000 in 0.5 s: 40,000/s, 180,000 left: 4.5 s, shown rounded up
        assertEquals("\rpersons.csv: writing persons  20,000 of 200,000  10%  40,000/s  ETA 0:05", drawn());
        bytes.reset();

        now.set(5_000 * MS);
        p.advance(180_000);
        bytes.reset();
        p.done();
        // the summary replaces the line (padded over what was drawn) and stays
        String summary = "persons.csv: writing persons  200,000 in 5.0 s, 40,000/s";
        String last = "persons.csv: writing persons  200,000 of 200,000  100%  40,000/s  ETA 0:00";
        assertEquals("\r" + summary + " ".repeat(last.length() - summary.length()) + "\n", drawn());
    }

    @Test
    void itRedrawsAtMostFourTimesASecond() {
        TerminalProgress p = progress(true);
        p.start("audit", 1_000);
        for (int i = 0; i < 1_000; i++) {
            now.addAndGet(MS); // one a millisecond for a second
            p.advance(1);
        }
        long draws = drawn().chars().filter(c -> c == '\r').count();
        assertEquals(1 + 4, draws, drawn());
    }

    @Test
    void aPhaseOfUnknownSizeShowsTheCountTheRateAndTheTimeSoFar() {
        TerminalProgress p = progress(true);
        p.start("bench: 4 terminals for 10 s", Progress.UNKNOWN);
        now.set(2_000 * MS);
        p.advance(900);
        assertEquals("\rbench: 4 terminals for 10 s  0  0:00\rbench: 4 terminals for 10 s  900  450/s  0:02", drawn());
        bytes.reset();
        now.set(10_000 * MS);
        p.advance(3_600);
        bytes.reset();
        p.done();
        assertEquals("\rbench: 4 terminals for 10 s  4,500 in 10.0 s, 450/s\n", drawn());
    }

    @Test
    void aSecondPhaseEndsTheFirstWithItsSummary() {
        TerminalProgress p = progress(true);
        p.start("reading", 10);
        now.set(1_000 * MS);
        p.advance(10);
        bytes.reset();
        p.start("writing", 10);
        assertEquals("\rreading  10 in 1.0 s, 10/s" + " ".repeat(" of 10  100%  10/s  ETA 0:00".length()
                - " in 1.0 s, 10/s".length()) + "\n\rwriting  0 of 10  0%", drawn());
    }

    @Test
    void inAPipeNothingIsDrawn() {
        importOf200000(progress(false), now);
        assertEquals("", drawn());
        // the command line's own choice: under the test runner there is no console, so no renderer at all
        assertSame(Progress.NONE, TerminalProgress.onStderr());
    }

    @Test
    void theClockReadsMinutesAndHours() {
        assertEquals("0:07", TerminalProgress.clock(7));
        assertEquals("2:05", TerminalProgress.clock(125));
        assertEquals("1:02:03", TerminalProgress.clock(3_723));
    }
}
