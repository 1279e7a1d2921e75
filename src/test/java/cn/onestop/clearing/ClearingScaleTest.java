package cn.onestop.clearing;

import cn.onestop.engine.SetlInfo;
import cn.onestop.kernel.Caller;
import cn.onestop.kernel.Result;
import cn.onestop.settle.Settled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static cn.onestop.clearing.ClearingFixture.BEIJING;
import static cn.onestop.clearing.ClearingFixture.HOHHOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A month of 100,000 settlements at one hospital (copies of one real settlement, written in bulk) and
 * 204 cross-region cases: a 100,000-line detail file streams and is reconciled in seconds with every
 * injected difference found; a clearing node pages through its extract 100 rows at a time.
 */
class ClearingScaleTest {
    static final int BULK = 99_999;
    static ClearingFixture f;
    static Settled seed;
    static Settled far;

    @BeforeAll
    static void fill() throws Exception {
        f = new ClearingFixture("clearing_scale");
        f.person("E1", "NM-REGION-EMPLOYEE", "ACTIVE", null);
        f.clock.set("2025-06-10T08:00:00");
        seed = f.inpatient(HOHHOT, "E1", "seed", LocalDate.of(2025, 6, 10), 300_000);
        far = f.inpatient(BEIJING, "E1", "far", LocalDate.of(2025, 6, 10), 300_000);
        copy(seed.record().settlementId(), "B", BULK, 5);
        copy(far.record().settlementId(), "X", 204, 1000);
        f.clock.set("2025-07-01T00:05:00");
    }

    /** {@code n} copies of a settlement and its fund rows, ids {@code S-<tag>-<i>}, {@code stepMs} apart. */
    static void copy(String id, String tag, int n, int stepMs) throws Exception {
        try (Connection c = f.db.dataSource().getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            List<String> cols = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema "
                    + "= DATABASE() AND table_name = 'settlements' ORDER BY ordinal_position")) {
                while (rs.next()) {
                    cols.add(rs.getString(1));
                }
            }
            List<String> exprs = new ArrayList<>();
            for (String col : cols) {
                exprs.add(switch (col) {
                    case "settlement_id" -> "CONCAT('S-" + tag + "-', LPAD(seq, 6, '0'))";
                    case "message_id" -> "CONCAT('m-" + tag + "-', seq)";
                    case "created_at" -> "created_at + INTERVAL (seq * " + stepMs + " * 1000) MICROSECOND";
                    default -> col;
                });
            }
            st.execute("INSERT INTO settlements (" + String.join(", ", cols) + ") SELECT " + String.join(", ", exprs)
                    + " FROM settlements, seq_1_to_" + n + " WHERE settlement_id = '" + id + "'");
            st.execute("INSERT INTO settlement_funds (settlement_id, fund, fund_type, amount, seq) SELECT CONCAT('S-"
                    + tag + "-', LPAD(s.seq, 6, '0')), f.fund, f.fund_type, f.amount, f.seq FROM settlement_funds f, "
                    + "seq_1_to_" + n + " s WHERE f.settlement_id = '" + id + "'");
        }
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String line(String id, SetlInfo a) {
        return String.join("\t", id, id, "E1", Yuan.format(a.medfeeSumamt()), Yuan.format(a.fundPaySumamt()),
                Yuan.format(a.acctPay()), "0");
    }

    @Test
    void aHundredThousandLineFileStreamsAndEveryInjectedDifferenceIsFound() throws Exception {
        SetlInfo a = seed.record().bill().split().amounts();
        StringBuilder file = new StringBuilder(BULK * 80);
        file.append(line(seed.record().settlementId(), a)).append('\n');
        for (int i = 1; i <= BULK; i++) {
            String id = String.format("S-B-%06d", i);
            if (i == 500) {
                continue; // the centre lacks one
            }
            if (i == 40_000) {
                file.append(line(id, a).replace("\t0\n", "\t1\n").replaceAll("\t0$", "\t1")).append('\n');
                continue; // a refund flag flipped
            }
            if (i == 77_777) {
                file.append(String.join("\t", id, id, "E1", Yuan.format(a.medfeeSumamt()),
                        Yuan.format(a.fundPaySumamt() - 1), Yuan.format(a.acctPay()), "0")).append('\n');
                continue; // a fen less
            }
            file.append(line(id, a)).append('\n');
        }
        file.append(line("S-CENTRE-ONLY", a)).append('\n');
        byte[] bytes = file.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(zipped)) {
            zip.putNextEntry(new ZipEntry("3202.txt"));
            zip.write(bytes);
            zip.closeEntry();
        }
        long t0 = System.nanoTime();
        Result<DetailReconciliation> r = f.clearing.details().withCentre(ClearingFixture.at(HOHHOT), HOHHOT, LocalDate.of(2025, 6, 1),
                LocalDate.of(2025, 6, 30), new ByteArrayInputStream(zipped.toByteArray()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        DetailReconciliation d = r.value();
        System.out.println("detail reconciliation of " + d.lines() + " lines against " + d.entries() + " entries: "
                + ms + " ms (" + bytes.length / 1024 + " KB, zipped " + zipped.size() / 1024 + " KB)");
        assertEquals(100_000, d.entries());
        assertEquals(100_000, d.lines());
        assertEquals(4, d.differences().size(), d.differences().toString());
        Map<String, Difference.Kind> kinds = new java.util.TreeMap<>();
        d.differences().forEach(x -> kinds.put(x.setlId(), x.kind()));
        assertEquals(Map.of("S-B-000500", Difference.Kind.MISSING_THERE, "S-B-040000", Difference.Kind.DIFFERS,
                "S-B-077777", Difference.Kind.DIFFERS, "S-CENTRE-ONLY", Difference.Kind.MISSING_HERE), kinds);
        assertEquals(99_997, d.matched(), "100,000 less the one missing there and the two that differ");
        assertTrue(ms < 30_000, "seconds, not minutes: " + ms + " ms");
    }

    @Test
    void aNodePagesThroughItsExtractAHundredRowsAtATime() {
        Caller node = ClearingFixture.node("159900");
        YearMonth june = YearMonth.of(2025, 6);
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        int total = -1;
        for (int start = 1; ; start += ClearingNode.PAGE) {
            ClearingPage p = f.clearing.node().list(node, "159900", june, start).value();
            total = p.total();
            if (p.rows().isEmpty()) {
                break;
            }
            sizes.add(p.rows().size());
            for (int i = 0; i < p.rows().size(); i++) {
                assertEquals(start + i, p.rows().get(i).row());
                assertTrue(seen.add(p.rows().get(i).entry().setlId()), "no row twice");
            }
        }
        assertEquals(205, total, "the Beijing stay and its 204 copies");
        assertEquals(List.of(100, 100, 5), sizes);
        assertEquals(205, seen.size());
    }
}
