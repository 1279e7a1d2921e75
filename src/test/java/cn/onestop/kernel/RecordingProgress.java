package cn.onestop.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/** A {@link Progress} that keeps what it was told: each phase's label, total and the sum advanced. */
public final class RecordingProgress implements Progress {
    /** One phase as reported. */
    public record Phase(String label, long total, long advanced, int advances, boolean done) {
    }

    private final List<Phase> phases = new ArrayList<>();

    @Override
    public synchronized void start(String label, long total) {
        phases.add(new Phase(label, total, 0, 0, false));
    }

    @Override
    public synchronized void advance(long n) {
        Phase p = last();
        phases.set(phases.size() - 1, new Phase(p.label(), p.total(), p.advanced() + n, p.advances() + 1, p.done()));
    }

    @Override
    public synchronized void done() {
        Phase p = last();
        phases.set(phases.size() - 1, new Phase(p.label(), p.total(), p.advanced(), p.advances(), true));
    }

    /** A progress that tells {@code soFar} the running count after each advance (reset by each start). */
    public static Progress cumulative(LongConsumer soFar) {
        return new Progress() {
            private long count;

            @Override
            public synchronized void start(String label, long total) {
                count = 0;
            }

            @Override
            public synchronized void advance(long n) {
                count += n;
                soFar.accept(count);
            }

            @Override
            public void done() {
            }
        };
    }

    public synchronized List<Phase> phases() {
        return List.copyOf(phases);
    }

    private Phase last() {
        if (phases.isEmpty()) {
            throw new AssertionError("advance or done before start");
        }
        return phases.get(phases.size() - 1);
    }
}
