package cn.onestop.settle;

import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Result;
import cn.onestop.kernel.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gathers the settlements that arrive together into shared commits, the way a log-structured
 * ledger batches transfers: each of a few writer lanes takes what is waiting — settlements of
 * different persons only (a second one of a person waits for the next batch, so a person's
 * settlements never share one out of order), at most {@code maxSize}, waiting at most {@code linger}
 * for company — and commits it in one transaction ({@link BatchCommit}); every caller is answered
 * when its batch commits. A settlement whose deadline passed while it waited is not written. If a
 * batch fails for an unexpected reason, its settlements are tried again one by one, so one bad
 * settlement fails alone. A batch whose conflicts did not clear within the ledger's attempts — on a
 * Galera cluster, another node committing a settlement of one of its persons first fails the whole
 * batch's commit — is split in halves, each tried again within its own settlements' deadlines, so
 * one contended person holds back only the settlements that share its half.
 *
 * <p>The answers are handed to a few threads of their own: what a caller does with its answer (the
 * response message, its serialization and its write to the network) never runs on a lane, so a lane
 * goes on to its next batch as soon as its commit returns.
 */
final class SettleBatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SettleBatcher.class);

    private final Batching cfg;
    private final LedgerStore ledger;
    private final BatchCommit commit;
    private final SettlementEvents events;
    private final LinkedBlockingDeque<Pending> waiting;
    private final List<Thread> lanes = new ArrayList<>();
    private final java.util.concurrent.atomic.LongAdder batches = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder committed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder splits = new java.util.concurrent.atomic.LongAdder();
    private final ThreadPoolExecutor answers;
    private volatile boolean closed;

    SettleBatcher(Batching cfg, LedgerStore ledger, BatchCommit commit, SettlementEvents events) {
        this.cfg = cfg;
        this.ledger = ledger;
        this.commit = commit;
        this.events = events;
        this.waiting = new LinkedBlockingDeque<>(cfg.queue());
        int answerThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger answerNo = new AtomicInteger();
        this.answers = new ThreadPoolExecutor(answerThreads, answerThreads, 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "settle-answer-" + answerNo.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        for (int i = 0; i < cfg.lanes(); i++) {
            Thread t = new Thread(this::lane, "settle-lane-" + (i + 1));
            t.setDaemon(true);
            t.start();
            lanes.add(t);
        }
    }

    /** Queues a settlement; false when the queue is full (overload: refuse it at once). */
    boolean offer(Pending p) {
        return !closed && waiting.offerLast(p);
    }

    /** Settlements waiting for a lane. */
    int waiting() {
        return waiting.size();
    }

    /** Batches committed so far, and the settlements (answers of any kind) they held. */
    BatchStats stats() {
        return new BatchStats(batches.sum(), committed.sum(), splits.sum());
    }

    private void lane() {
        while (!closed) {
            List<Pending> batch;
            try {
                batch = next();
            } catch (InterruptedException e) {
                return;
            }
            if (!batch.isEmpty()) {
                commit(batch);
            }
        }
    }

    /** The next batch: what is waiting now, of distinct persons and message ids, up to the size. */
    private List<Pending> next() throws InterruptedException {
        Pending first = waiting.pollFirst(200, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        List<Pending> batch = new ArrayList<>(Math.min(cfg.maxSize(), 16));
        List<Pending> later = new ArrayList<>(0);
        Set<String> persons = new HashSet<>(first.persons());
        Set<String> keys = new HashSet<>(Set.of(first.messageKey()));
        batch.add(first);
        long lingerUntil = System.nanoTime() + cfg.linger().toNanos();
        while (batch.size() < cfg.maxSize()) {
            long wait = lingerUntil - System.nanoTime();
            Pending p = wait > 0 ? waiting.pollFirst(wait, TimeUnit.NANOSECONDS) : waiting.pollFirst();
            if (p == null) {
                break;
            }
            if (keys.contains(p.messageKey()) || p.persons().stream().anyMatch(persons::contains)) {
                later.add(p); // the same person (or message) again: the next batch, in its order
                continue;
            }
            persons.addAll(p.persons());
            keys.add(p.messageKey());
            batch.add(p);
        }
        for (int i = later.size() - 1; i >= 0; i--) {
            waiting.offerFirst(later.get(i)); // back to the front, ahead of anything newer
        }
        return batch;
    }

    private void commit(List<Pending> batch) {
        List<Pending> live = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            if (p.deadline().expired()) {
                answer(p, null, new StoreException(StoreException.Kind.TIMEOUT,
                        "the deadline passed while the settlement waited for its batch; nothing was written", null));
            } else {
                live.add(p);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        Deadline deadline = live.stream().map(Pending::deadline).reduce(SettleBatcher::later).orElseThrow();
        try (Deadline.Scope scope = deadline.enter()) { // the pool's wait is bounded by the batch's deadline too
            List<Result<Settled>> answers = ledger.writeKeyed(deadline, tx -> commit.run(tx, live, deadline)).value();
            batches.increment();
            committed.add(live.size());
            for (int i = 0; i < live.size(); i++) {
                answer(live.get(i), answers.get(i), null);
            }
            tell(answers);
        } catch (StoreException e) {
            if (e.kind() == StoreException.Kind.CONFLICT && live.size() > 1) {
                split(live, e);
                return;
            }
            // out of reach or out of time: every settlement of the batch shares that answer
            boolean alone = e.kind() != StoreException.Kind.FAILED;
            fail(live, e, alone);
        } catch (RuntimeException | Error e) {
            fail(live, e, false);
        }
    }

    /** A batch whose conflicts did not clear: each half again, on its own. */
    private void split(List<Pending> live, StoreException e) {
        splits.increment();
        LOG.debug("a batch of {} settlements kept conflicting ({}); trying it in halves", live.size(), e.toString());
        int half = live.size() / 2;
        commit(new ArrayList<>(live.subList(0, half)));
        commit(new ArrayList<>(live.subList(half, live.size())));
    }

    /** Tells the watchers what the batch did, once its callers have their answers. */
    private void tell(List<Result<Settled>> answers) {
        try {
            events.batchCommitted(answers.size());
            for (Result<Settled> r : answers) {
                if (r instanceof Result.Ok<Settled> ok && !ok.value().replayed()) {
                    events.settled(ok.value().record());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("a settlement watcher failed: {}", e.toString());
        }
    }

    /** Answers the batch's settlements with {@code e}, or, for a batch failed by a defect, tries each alone. */
    private void fail(List<Pending> live, Throwable e, boolean shared) {
        if (!shared && live.size() > 1) {
            LOG.warn("a batch of {} settlements failed ({}); trying them one by one", live.size(), e.toString());
            live.forEach(p -> commit(List.of(p)));
            return;
        }
        live.forEach(p -> answer(p, null, e));
    }

    /** Completes {@code p}'s answer on an answer thread (here, if those are gone), never holding up the lane. */
    private void answer(Pending p, Result<Settled> r, Throwable e) {
        Runnable complete = () -> {
            if (e == null) {
                p.answer().complete(r);
            } else {
                p.answer().completeExceptionally(e);
            }
        };
        try {
            answers.execute(complete);
        } catch (RejectedExecutionException gone) {
            complete.run();
        }
    }

    private static Deadline later(Deadline a, Deadline b) {
        return a.remaining().compareTo(b.remaining()) >= 0 ? a : b;
    }

    @Override
    public void close() {
        closed = true;
        lanes.forEach(Thread::interrupt);
        answers.shutdown(); // answers already handed over are still given
        Pending p;
        while ((p = waiting.pollFirst()) != null) {
            p.answer().completeExceptionally(new StoreException(StoreException.Kind.UNAVAILABLE,
                    "the gateway is shutting down; retry with the same message id", null));
        }
    }

    /** How long a caller waits for its batch beyond its own deadline before it gives up on the answer. */
    static final Duration GRACE = Duration.ofSeconds(1);
}
