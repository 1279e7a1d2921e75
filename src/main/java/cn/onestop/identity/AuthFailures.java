package cn.onestop.identity;

import cn.onestop.audit.AuditTrail;
import cn.onestop.db.Transactions;
import cn.onestop.kernel.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refused authentications, into the audit trail. A refusal costs the caller nothing and must not
 * cost the gateway a database write each (a flood of bad tokens would be a flood of writes): they
 * are queued (bounded) and written in batches by one thread; when the queue is full the excess is
 * counted, logged and dropped.
 */
public final class AuthFailures implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuthFailures.class);
    private static final int QUEUE = 10_000;
    private static final int BATCH = 500;

    private final Transactions tx;
    private final BlockingQueue<AuditEvent> queue = new ArrayBlockingQueue<>(QUEUE);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean closed;

    public AuthFailures(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
        this.writer = new Thread(this::drain, "auth-failures");
        writer.setDaemon(true);
        writer.start();
    }

    /** Records a refused authentication of a call to {@code method}. */
    public void refused(String method, Authenticator.Outcome o, String requestId) {
        AuditEvent e = new AuditEvent("anonymous", "", "AUTH_REFUSED", method, o.refusal().name(), requestId,
                "presented " + o.who());
        if (!queue.offer(e) && dropped.incrementAndGet() % 1000 == 1) {
            LOG.warn("refused authentications arrive faster than the audit trail takes them; {} dropped so far",
                    dropped.get());
        }
    }

    /** Refusals not written because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Waits until every refusal queued so far is written (for tests and a clean shutdown). */
    public void flush() throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!queue.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        Thread.sleep(50);
    }

    private void drain() {
        List<AuditEvent> batch = new ArrayList<>(BATCH);
        while (!closed) {
            try {
                AuditEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                tx.write(null, c -> {
                    AuditTrail.append(c, batch);
                    return null;
                });
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("{} refused authentications could not be written: {}", batch.size(), e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
    }
}
