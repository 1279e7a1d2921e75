package cn.onestop.metrics;

import cn.onestop.db.DatabaseObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The database's latency: {@code onestop.db.ping} (the health probe's round trip), {@code
 * onestop.db.transaction} (a transaction's time on its connection, tag {@code end} = committed,
 * rolled_back or read) and {@code onestop.db.commit} (the COMMIT alone: the durable write).
 */
final class DatabaseMeters implements DatabaseObserver {
    private final Timer ping;
    private final Timer commit;
    private final Map<End, Timer> transactions = new EnumMap<>(End.class);

    DatabaseMeters(MeterRegistry registry) {
        ping = Metrics.histogram(Timer.builder("onestop.db.ping").description("The health probe's ping of the database"))
                .register(registry);
        commit = Metrics.histogram(Timer.builder("onestop.db.commit").description("A COMMIT")).register(registry);
        for (End e : End.values()) {
            transactions.put(e, Metrics.histogram(Timer.builder("onestop.db.transaction")
                    .description("A transaction, from its first statement to its COMMIT or ROLLBACK")
                    .tag("end", e.name().toLowerCase(Locale.ROOT))).register(registry));
        }
    }

    @Override
    public void pinged(long nanos) {
        ping.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void transaction(End end, long nanos) {
        transactions.get(end).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void committed(long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
    }
}
