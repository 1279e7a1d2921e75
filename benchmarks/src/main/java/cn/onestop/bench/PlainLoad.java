package cn.onestop.bench;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.db.Database;
import cn.onestop.enrolment.EnrolmentImport;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An in-process load of inpatient settlements over plaintext loopback gRPC, as a benchmark that runs
 * the gateway in its own JVM uses it ({@link ReconciliationLoad}): persons enrolled through the
 * import, stays from client threads, throughput and latency in a window after a warm-up.
 */
final class PlainLoad {
    static final String INSTITUTION = "H15010500001";

    private PlainLoad() {
    }

    record Result(long count, double seconds, Histogram latency) {
        double perSecond() {
            return count / seconds;
        }

        void print(String name) {
            System.out.printf("| %s | %.0f | %.2f | %.2f | %.2f |%n", name, perSecond(),
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                    latency.getMaxValue() / 1e6);
        }
    }

    static void enrol(Database db, int persons) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("INSERT IGNORE INTO institutions (code, name, level, grade, kind, tcm, dual_channel, "
                    + "outpatient_pooling) VALUES ('" + INSTITUTION + "', '内蒙古自治区人民医院', 3, 'A', 'HOSPITAL', "
                    + "false, false, true)");
            st.execute("CREATE TABLE IF NOT EXISTS bench_commit (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "payload VARCHAR(64) NOT NULL) ENGINE=InnoDB");
        }
        StringBuilder csv = new StringBuilder("person_id,name,plan,status,civil_servant,medical_care,cr_disabled,"
                + "arrears,benefit_start,birth_date,enrolled_on,student,e_voucher,id_card,social_security_card,"
                + "account_balance,assistance,opening_year,opening_accumulators\n");
        for (int i = 0; i < persons; i++) {
            csv.append(String.format("LG%08d,负载%d,NM-REGION-EMPLOYEE,%s,%s,false,NONE,false,,,,false,EVLG%08d,,,%d,,,%n",
                    i, i, i % 3 == 0 ? "RETIRED" : "ACTIVE", i % 5 == 0, i, 500_000 + i));
        }
        var report = new EnrolmentImport(db.dataSource(), Map.of("NM-REGION-EMPLOYEE", "EMPLOYEE"),
                Map.of("NM-REGION-EMPLOYEE", "159900"))
                .importPersons("loadgen", new StringReader(csv.toString()), null);
        if (!report.ok()) {
            throw new IllegalStateException(report.errors().toString());
        }
    }

    static Result rawCommits(Database db, int threads, int seconds) throws Exception {
        return run(threads, seconds, (thread, rnd, stop, recorder) -> {
            try (Connection c = db.dataSource().getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO bench_commit (payload) VALUES (?)")) {
                c.setAutoCommit(false);
                long n = 0;
                while (!stop.get()) {
                    long t0 = System.nanoTime();
                    ps.setString(1, "t" + thread + "-" + n++);
                    ps.executeUpdate();
                    c.commit();
                    recorder.recordValue(System.nanoTime() - t0);
                }
                c.setAutoCommit(true);
            }
            return null;
        });
    }

    /** Settles inpatient stays from {@code clients} threads for {@code seconds}, presenting {@code token}. */
    static Result settlements(int port, String token, int clients, int seconds, int persons) throws Exception {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            var stub = SettlementServiceGrpc.newBlockingStub(channel).withCallCredentials(bearer(token));
            return run(clients, seconds, (thread, rnd, stop, recorder) -> {
                long n = 0;
                while (!stop.get()) {
                    SettleRequest r = bill(thread, n++, rnd.nextInt(persons), rnd);
                    long t0 = System.nanoTime();
                    stub.withDeadlineAfter(30, TimeUnit.SECONDS).settle(r);
                    recorder.recordValue(System.nanoTime() - t0);
                }
                return null;
            });
        } finally {
            channel.shutdownNow();
        }
    }

    static SettleRequest bill(int thread, long n, int person, SplittableRandom rnd) {
        SettleRequest.Builder b = SettleRequest.newBuilder().setInstitutionCode(INSTITUTION)
                .setMessageId("lg-" + thread + "-" + n + "-" + System.nanoTime())
                .setCredential(Credential.newBuilder().setType(CredentialType.E_VOUCHER)
                        .setValue(String.format("EVLG%08d", person)))
                .setSettleDate("2025-" + String.format("%02d-%02d", 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)))
                .setVisit(Visit.newBuilder().setType(VisitType.INPATIENT).setUseAccount(true).setDays(5));
        Category[] mix = {Category.A, Category.A, Category.B, Category.A, Category.B, Category.SELF, Category.A,
                Category.BED, Category.A, Category.BLOOD};
        for (int i = 0; i < 20; i++) {
            Category c = mix[i % mix.length];
            b.addLines(BillLine.newBuilder().setId("L" + i).setCategory(c).setUnitPrice(500 + rnd.nextInt(60_000))
                    .setQty(c == Category.BED ? 5 : 1 + rnd.nextInt(3)));
        }
        return b.build();
    }

    interface Worker {
        Void run(int thread, SplittableRandom rnd, AtomicBoolean stop, Recorder recorder) throws Exception;
    }

    private static Result run(int threads, int seconds, Worker worker) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Recorder recorder = new Recorder(3);
        AtomicLong failures = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                try {
                    worker.run(thread, new SplittableRandom(thread), stop, recorder);
                } catch (Exception e) {
                    failures.incrementAndGet();
                    e.printStackTrace();
                } finally {
                    done.countDown();
                }
            });
            ts.add(th);
        }
        ts.forEach(Thread::start);
        Thread.sleep(Duration.ofSeconds(Math.max(1, seconds / 5)).toMillis()); // warm-up
        recorder.getIntervalHistogram();
        long t0 = System.nanoTime();
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
        Histogram h = recorder.getIntervalHistogram();
        double elapsed = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        done.await();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " workers failed");
        }
        return new Result(h.getTotalCount(), elapsed, h);
    }

    /** Call credentials presenting {@code token}. */
    static CallCredentials bearer(String token) {
        Metadata.Key<String> auth = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        return new CallCredentials() {
            @Override
            public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
                Metadata m = new Metadata();
                m.put(auth, "Bearer " + token);
                applier.apply(m);
            }
        };
    }
}
