package cn.onestop.cli;

import cn.onestop.db.Database;
import cn.onestop.db.DatabaseConfig;
import cn.onestop.db.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code onestop catalog import / list} against a test database, as an operator runs them. */
class CatalogCommandTest {
    @TempDir
    Path dir;

    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    record Run(int status, String out, String err) {
    }

    private Run run(Path config, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            String[] all = new String[args.length + 2];
            System.arraycopy(args, 0, all, 0, args.length);
            all[args.length] = "--config";
            all[args.length + 1] = config.toString();
            int status = new CommandLine(new Main()).execute(all);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    private Path config() throws Exception {
        db = TestDatabase.fresh("catalog_cli");
        DatabaseConfig cfg = TestDatabase.config(db.databaseName());
        Path file = dir.resolve("onestop.properties");
        Files.writeString(file, "db.url=" + cfg.jdbcUrl() + "\ndb.user=" + cfg.user() + "\ndb.password="
                + cfg.password() + "\ndb.pool.size=2\n");
        return file;
    }

    @Test
    void importPublishesQuietlyInAPipeAndListShowsTheVersions() throws Exception {
        Path config = config();
        Path big = dir.resolve("big.csv");
        StringBuilder csv = new StringBuilder("code,name,kind,category,price_limit,self_ratio_bp,tcm_drug\n");
        for (int i = 0; i < 25_000; i++) {
            csv.append(String.format("%015d", i)).append(",诊疗项目").append(i).append(",SERVICE,A,")
                    .append(1_000 + i).append(",,\n");
        }
        Files.writeString(big, csv);

        Run r = run(config, "catalog", "import", "--region", "150100,150300", "--effective-from", "2025-01-01",
                big.toString());
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains("published 150100@2025-01-01: 25000 items"), r.out());
        assertTrue(r.out().contains("published 150300@2025-01-01: 25000 items"), r.out());
        assertTrue(r.out().contains("big.csv: rows=25000 inserted=25000"), r.out());
        assertFalse(r.err().contains("writing items"), "not on a terminal, no progress is drawn: " + r.err());

        Run again = run(config, "catalog", "import", "--region", "150100", "--effective-from", "2025-01-01",
                big.toString());
        assertEquals(0, again.status());
        assertTrue(again.out().contains("unchanged 150100@2025-01-01"), again.out());

        Run list = run(config, "catalog", "list");
        assertEquals(0, list.status());
        assertTrue(list.out().contains("150100@2025-01-01\t2025-01-01\t-\t25000\t"), list.out());
        assertTrue(list.out().contains("150300@2025-01-01"), list.out());
    }

    @Test
    void badRowsAreListedWithTheirLinesAndTheStatusIsOne() throws Exception {
        Path config = config();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "code,name,kind,category,price_limit,self_ratio_bp,tcm_drug\n"
                + "XA01,甲药,DRUG,A,,,\nXA02,乙药,DRUG,丁,,,\nXA03,,DRUG,A,1.5,,\n");
        Run r = run(config, "catalog", "import", "--region", "150100", "--effective-from", "2025-01-01",
                bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.out().startsWith("REFUSED bad.csv: 3 problem(s), nothing was written"), r.out());
        assertTrue(r.out().contains("line 3, category:"), r.out());
        assertTrue(r.out().contains("line 4, name: is required"), r.out());
        assertTrue(r.out().contains("line 4, price_limit:"), r.out());
        Run list = run(config, "catalog", "list");
        assertEquals("version\tfrom\tto\titems\tdigest\tsource\tpublished", list.out().strip());
    }
}
