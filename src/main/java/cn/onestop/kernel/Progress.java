package cn.onestop.kernel;

/**
 * How far a long piece of work has got — an import of 200,000 rows, the audit's re-split of every
 * settlement, a load run, an export — told by the work to whoever shows it. The work says what it
 * counts and how many there are ({@link #start}), reports as it goes ({@link #advance}) and says
 * when it is over ({@link #done}); it never asks how it is shown. A front decides: the command line
 * draws a line on a terminal and nothing in a pipe, a server passes {@link #NONE}.
 *
 * <p>A piece of work may have several phases, each a {@code start} … {@code done}; a {@code start}
 * before the last phase's {@code done} ends that phase. Work that runs again (a transaction retried)
 * simply starts again. Implementations accept {@code advance} from any number of threads.
 */
public interface Progress {
    /** The total of a phase whose size is not known in advance. */
    long UNKNOWN = -1;

    /** Reports nothing. */
    Progress NONE = new Progress() {
        @Override
        public void start(String label, long total) {
        }

        @Override
        public void advance(long n) {
        }

        @Override
        public void done() {
        }
    };

    /**
     * A phase begins.
     *
     * @param label what is being done, e.g. {@code persons.csv: writing}
     * @param total how many units the phase has, or {@link #UNKNOWN}
     */
    void start(String label, long total);

    /** {@code n} more units are done. */
    void advance(long n);

    /** The phase is over. */
    void done();

    /** {@code p}, or {@link #NONE} when it is null. */
    static Progress orNone(Progress p) {
        return p == null ? NONE : p;
    }
}
