package cn.onestop.metrics;

import cn.onestop.engine.FundPayment;
import cn.onestop.settle.SettlementEvents;
import cn.onestop.settle.SettlementRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the settlements moved: {@code onestop.settlements} (count, tag {@code event} = settled or
 * reversed), {@code onestop.fund.paid} (fen, by fund type code and event: what each fund paid, and
 * paid back on reversal) and {@code onestop.batch.size} (settlements per batch commit).
 */
final class SettlementMeters implements SettlementEvents {
    private final MeterRegistry registry;
    private final Counter settled;
    private final Counter reversed;
    private final DistributionSummary batchSize;

    SettlementMeters(MeterRegistry registry) {
        this.registry = registry;
        this.settled = count("settled");
        this.reversed = count("reversed");
        this.batchSize = DistributionSummary.builder("onestop.batch.size").baseUnit("settlements")
                .description("Settlements per batch commit").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
    }

    private Counter count(String event) {
        return Counter.builder("onestop.settlements").description("Settlements made, and reversed")
                .tag("event", event).register(registry);
    }

    @Override
    public void settled(SettlementRecord s) {
        settled.increment();
        paid(s, "settled");
    }

    @Override
    public void reversed(SettlementRecord s) {
        reversed.increment();
        paid(s, "reversed");
    }

    private void paid(SettlementRecord s, String event) {
        for (FundPayment f : s.bill().split().funds()) {
            Counter.builder("onestop.fund.paid").baseUnit("fen")
                    .description("What each fund paid (event settled) and was paid back (event reversed), fen")
                    .tags("fund", f.fund().code(), "event", event).register(registry).increment(f.amount());
        }
    }

    @Override
    public void batchCommitted(int settlements) {
        batchSize.record(settlements);
    }
}
