package cn.onestop.gateway;

import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettleResponse;
import cn.onestop.api.v1.SettlementServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Terminals settling and reversing across several gateways, and what each saw: every request sent,
 * every acknowledged answer with the time it came, every call left unanswered (to be sent again with
 * its message id). Each terminal has a home gateway; every {@value #BOTH_EVERY}th bill is sent to two
 * gateways at once with the same message id (a retry that lands elsewhere), and every
 * {@value #REVERSE_EVERY}th settlement is reversed at once through another gateway than the one
 * that answered it.
 */
final class ClusterLoad {
    static final int BOTH_EVERY = 7;
    static final int REVERSE_EVERY = 4;
    /** What a call may answer under a lost node: retry later with the same message id. */
    static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.RESOURCE_EXHAUSTED);

    final List<SettlementServiceGrpc.SettlementServiceBlockingStub> gateways;
    final List<SettlementServiceGrpc.SettlementServiceFutureStub> async;
    final int persons;
    final Duration deadline;
    final String prefix;

    final Map<String, SettleRequest> sent = new ConcurrentHashMap<>();
    final Map<String, String> acknowledged = new ConcurrentHashMap<>();
    /** When (System.nanoTime) each message id was first acknowledged. */
    final Map<String, Long> acknowledgedAt = new ConcurrentHashMap<>();
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    final Map<String, ReverseRequest> reversalsSent = new ConcurrentHashMap<>();
    final Map<String, String> reversed = new ConcurrentHashMap<>();
    final Set<String> unansweredReversals = ConcurrentHashMap.newKeySet();
    /** {nanoTime, gateway} of every acknowledgement. */
    final ConcurrentLinkedQueue<long[]> acks = new ConcurrentLinkedQueue<>();
    final Map<Status.Code, AtomicInteger> refusals = new ConcurrentHashMap<>();
    /** Every refusal: when it came (System.nanoTime), the message id, how long the call took, the status. */
    final ConcurrentLinkedQueue<Refusal> refused = new ConcurrentLinkedQueue<>();

    record Refusal(long at, String messageId, long tookMs, Status status) {
    }
    final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    final AtomicInteger sentToBoth = new AtomicInteger();
    /** Whether a call answered UNAVAILABLE is sent at once to the other gateway, as a load balancer would. */
    private volatile boolean failover;
    /** When (System.nanoTime) the last acknowledgement came. */
    volatile long lastAck = System.nanoTime();

    ClusterLoad(List<SettlementServiceGrpc.SettlementServiceBlockingStub> gateways,
                List<SettlementServiceGrpc.SettlementServiceFutureStub> async, int persons, Duration deadline,
                String prefix) {
        this.gateways = gateways;
        this.async = async;
        this.persons = persons;
        this.deadline = deadline;
        this.prefix = prefix;
    }

    /**
     * While the load runs, calls {@code stalled} (with how long, in ms) whenever no acknowledgement has
     * come for {@code quiet}, once a stall; returns the watching thread, started.
     */
    Thread watchStalls(Duration quiet, AtomicBoolean stop, java.util.function.LongConsumer stalled) {
        Thread t = new Thread(() -> {
            boolean told = false;
            while (!stop.get()) {
                long since = (System.nanoTime() - lastAck) / 1_000_000;
                if (since > quiet.toMillis() && !told) {
                    stalled.accept(since);
                }
                told = since > quiet.toMillis();
                pause(250);
            }
        }, prefix + "-stall-watch");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Runs {@code terminals} terminals until {@code stop}; returns their threads, started. */
    List<Thread> start(int terminals, AtomicBoolean stop) {
        List<Thread> out = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            int terminal = t;
            Thread th = new Thread(() -> run(terminal, stop), prefix + "-terminal-" + t);
            th.setDaemon(true);
            out.add(th);
            th.start();
        }
        return out;
    }

    private void run(int terminal, AtomicBoolean stop) {
        Random random = new Random(terminal * 7919L + prefix.hashCode());
        int home = terminal % gateways.size();
        for (int n = 0; !stop.get(); n++) {
            String person = "G" + random.nextInt(persons);
            SettleRequest r = GatewayFixture.p01(person, prefix + "-" + terminal + "-" + n)
                    .setSettleDate("2025-0" + (1 + n % 9) + "-1" + (n % 9)).build();
            sent.put(r.getMessageId(), r);
            String id = n % BOTH_EVERY == BOTH_EVERY - 1 ? settleOnBoth(r, home) : settle(r, home);
            if (id == null) {
                pause(100); // a terminal tries again a moment later, with a new bill
            } else if (n % REVERSE_EVERY == 0) {
                reverse(r, (home + 1) % gateways.size());
            }
        }
    }

    private String settle(SettleRequest r, int gateway) {
        return settle(r, gateway, failover);
    }

    /** One bill to {@code gateway}; answered UNAVAILABLE and {@code orElsewhere}, at once to the other one. */
    private String settle(SettleRequest r, int gateway, boolean orElsewhere) {
        long t0 = System.nanoTime();
        try {
            SettleResponse a = gateways.get(gateway).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .settle(r);
            acknowledge(r.getMessageId(), a.getRecord().getSettlementId(), gateway);
            return a.getRecord().getSettlementId();
        } catch (StatusRuntimeException e) {
            unanswered(r.getMessageId(), e.getStatus(), t0);
            if (orElsewhere && e.getStatus().getCode() == Status.Code.UNAVAILABLE && gateways.size() > 1) {
                return settle(r, (gateway + 1) % gateways.size(), false); // the same message id, the other gateway
            }
            return null;
        }
    }

    /**
     * From now on a call answered UNAVAILABLE (its gateway gone) is sent at once, with its message id,
     * to the other gateway, as a load balancer in front of them would; answers this load.
     */
    ClusterLoad failingOver() {
        failover = true;
        return this;
    }

    /** The same bill to two gateways at once: both answers, if any, name one settlement. */
    private String settleOnBoth(SettleRequest r, int home) {
        sentToBoth.incrementAndGet();
        long t0 = System.nanoTime();
        var first = async.get(home).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).settle(r);
        var second = async.get((home + 1) % async.size()).withDeadlineAfter(deadline.toMillis(),
                TimeUnit.MILLISECONDS).settle(r);
        String a = answer(first, r, home, t0);
        String b = answer(second, r, (home + 1) % async.size(), t0);
        if (a != null && b != null && !a.equals(b)) {
            problems.add(r.getMessageId() + " settled twice: " + a + " and " + b);
        }
        return a != null ? a : b;
    }

    private String answer(com.google.common.util.concurrent.ListenableFuture<SettleResponse> f, SettleRequest r,
                          int gateway, long t0) {
        try {
            SettleResponse a = f.get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            acknowledge(r.getMessageId(), a.getRecord().getSettlementId(), gateway);
            return a.getRecord().getSettlementId();
        } catch (ExecutionException e) {
            unanswered(r.getMessageId(), Status.fromThrowable(e.getCause()), t0);
        } catch (Exception e) {
            problems.add(r.getMessageId() + ": " + e);
        }
        return null;
    }

    private void reverse(SettleRequest settled, int gateway) {
        ReverseRequest rr = ReverseRequest.newBuilder().setInstitutionCode(settled.getInstitutionCode())
                .setMessageId("rev-" + settled.getMessageId()).setOriginalMessageId(settled.getMessageId())
                .setReason("test").build();
        reversalsSent.put(settled.getMessageId(), rr);
        long t0 = System.nanoTime();
        for (int tries = failover ? 2 : 1, g = gateway; tries > 0; tries--, g = (g + 1) % gateways.size()) {
            try {
                var a = gateways.get(g).withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).reverse(rr);
                reversed.put(settled.getMessageId(), a.getReversalId());
                unansweredReversals.remove(settled.getMessageId());
                return;
            } catch (StatusRuntimeException e) {
                unansweredReversals.add(settled.getMessageId());
                count(e.getStatus(), rr.getMessageId(), t0);
                if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
                    return;
                }
            }
        }
    }

    private void acknowledge(String messageId, String settlementId, int gateway) {
        String before = acknowledged.putIfAbsent(messageId, settlementId);
        acknowledgedAt.putIfAbsent(messageId, System.nanoTime());
        if (before != null && !before.equals(settlementId)) {
            problems.add(messageId + " answered with two settlements: " + before + " and " + settlementId);
        }
        unanswered.remove(messageId);
        acks.add(new long[] {System.nanoTime(), gateway});
        lastAck = System.nanoTime();
    }

    private void unanswered(String messageId, Status s, long t0) {
        if (!acknowledged.containsKey(messageId)) {
            unanswered.add(messageId);
        }
        count(s, messageId, t0);
    }

    private void count(Status s, String messageId, long t0) {
        refusals.computeIfAbsent(s.getCode(), k -> new AtomicInteger()).incrementAndGet();
        refused.add(new Refusal(System.nanoTime(), messageId, (System.nanoTime() - t0) / 1_000_000, s));
        if (!RETRYABLE.contains(s.getCode())) {
            problems.add(messageId + ": " + s);
        }
        long took = (System.nanoTime() - t0) / 1_000_000;
        if (took > deadline.toMillis() + 1_000) {
            problems.add(messageId + ": answered after " + took + " ms");
        }
    }

    /** Acknowledgements per second between two instants (System.nanoTime). */
    double rate(long from, long to) {
        long n = acks.stream().filter(a -> a[0] >= from && a[0] < to).count();
        return n * 1e9 / Math.max(1, to - from);
    }

    /** The longest time without an acknowledgement from {@code gateway} (-1: any) between two instants, ms. */
    long longestGap(long from, long to, int gateway) {
        List<Long> times = acks.stream().filter(a -> gateway < 0 || a[1] == gateway).map(a -> a[0])
                .filter(t -> t >= from && t < to).sorted().toList();
        long last = from;
        long gap = 0;
        for (long t : times) {
            gap = Math.max(gap, t - last);
            last = t;
        }
        return Math.max(gap, to - last) / 1_000_000;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
