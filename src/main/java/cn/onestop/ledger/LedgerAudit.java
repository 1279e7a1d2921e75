package cn.onestop.ledger;

import cn.onestop.audit.AuditVerifier;
import cn.onestop.engine.FundPayment;
import cn.onestop.engine.Settlement;
import cn.onestop.engine.Outcome;
import cn.onestop.engine.SplitEngine;
import cn.onestop.json.RequestJson;
import cn.onestop.json.SettlementJson;
import cn.onestop.kernel.Progress;
import cn.onestop.request.SettlementRequest;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.RuleTable;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.settle.SettlementRecord;
import cn.onestop.settle.SettlementStatus;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Recomputes the ledger from its journals, as an auditor would: every accumulator row is the sum
 * of its journal, every account balance the sum of its journal, every settlement's journal
 * entries are exactly its delta (and, once reversed, the delta negated), and every settlement
 * splits again, from its stored input and the rule version it names, to the amounts it answered.
 * Read-only.
 */
public final class LedgerAudit {
    private final DataSource dataSource;
    private final RuleBook rules;

    /** @param rules every published rule version (versions never change, so any later book will do) */
    public LedgerAudit(DataSource dataSource, RuleBook rules) {
        this.dataSource = dataSource;
        this.rules = rules;
    }

    /** What the audit found; empty means the ledger is consistent. */
    public record Report(int accumulatorRows, int accounts, int settlements, long auditRows,
                         List<String> discrepancies) {
        public boolean clean() {
            return discrepancies.isEmpty();
        }
    }

    public Report run() throws SQLException {
        return run(Progress.NONE);
    }

    /** The audit, telling {@code progress} how many settlements there are to split again, as they are. */
    public Report run(Progress progress) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            // one snapshot for every table, so settlements committing meanwhile cannot look half-done
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                try (var st = c.createStatement()) {
                    st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                }
                int rows = accumulators(c, found);
                int accounts = accounts(c, found);
                int settlements = settlements(c, found, Progress.orNone(progress));
                AuditVerifier.Report trail = AuditVerifier.verify(c);
                found.addAll(trail.discrepancies());
                return new Report(rows, accounts, settlements, trail.rows(), List.copyOf(found));
            } finally {
                c.rollback();
            }
        }
    }

    private static int accumulators(Connection c, List<String> found) throws SQLException {
        StringJoiner sums = new StringJoiner(", ");
        StringJoiner diffs = new StringJoiner(" OR ");
        StringJoiner cols = new StringJoiner(", ");
        for (Accumulator a : Accumulator.values()) {
            sums.add("SUM(" + a.key() + ") AS " + a.key());
            diffs.add("a." + a.key() + " <> COALESCE(j." + a.key() + ", 0)");
            cols.add("a." + a.key() + ", COALESCE(j." + a.key() + ", 0)");
        }
        String journal = "(SELECT person_id, plan, year, " + sums + " FROM accumulator_journal "
                + "GROUP BY person_id, plan, year) j";
        int rows;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM accumulators");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows = rs.getInt(1);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT a.person_id, a.plan, a.year, " + cols
                + " FROM accumulators a LEFT JOIN " + journal
                + " ON j.person_id = a.person_id AND j.plan = a.plan AND j.year = a.year WHERE " + diffs);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                StringBuilder sb = new StringBuilder("accumulators " + rs.getString(1) + "/" + rs.getString(2) + "/"
                        + rs.getInt(3) + " differ from their journal:");
                int i = 4;
                for (Accumulator a : Accumulator.values()) {
                    long row = rs.getLong(i++);
                    long sum = rs.getLong(i++);
                    if (row != sum) {
                        sb.append(' ').append(a.key()).append(' ').append(row).append(" ≠ ").append(sum);
                    }
                }
                found.add(sb.toString());
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT j.person_id, j.plan, j.year FROM accumulator_journal j "
                + "LEFT JOIN accumulators a ON a.person_id = j.person_id AND a.plan = j.plan AND a.year = j.year "
                + "WHERE a.person_id IS NULL GROUP BY j.person_id, j.plan, j.year");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add("journal entries for " + rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getInt(3)
                        + " but no accumulator row");
            }
        }
        return rows;
    }

    private static int accounts(Connection c, List<String> found) throws SQLException {
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT a.person_id, a.balance, COALESCE(SUM(j.amount), 0), "
                + "COUNT(j.entry_id) FROM accounts a LEFT JOIN account_journal j ON j.person_id = a.person_id "
                + "GROUP BY a.person_id, a.balance");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                n++;
                if (rs.getLong(2) != rs.getLong(3)) {
                    found.add("account " + rs.getString(1) + " balance " + rs.getLong(2) + " ≠ journal sum "
                            + rs.getLong(3) + " (" + rs.getLong(4) + " entries)");
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT j.person_id, j.entry_id, j.balance_after, "
                + "SUM(j.amount) OVER (PARTITION BY j.person_id ORDER BY j.entry_id) FROM account_journal j");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (rs.getLong(3) != rs.getLong(4)) {
                    found.add("account journal " + rs.getString(1) + " entry " + rs.getLong(2) + ": balance_after "
                            + rs.getLong(3) + " ≠ running sum " + rs.getLong(4));
                }
                if (rs.getLong(3) < 0) {
                    found.add("account " + rs.getString(1) + " went below zero at entry " + rs.getLong(2));
                }
            }
        }
        return n;
    }

    /** Null when the stored input splits again to the stored answer, else what differs. */
    private String recompute(String engineInput, Settlement stored) {
        SettlementRequest input;
        try {
            input = RequestJson.parse(SettlementJson.mapper().readTree(engineInput));
        } catch (IOException | RuntimeException e) {
            return "stored input unreadable: " + e.getMessage();
        }
        RuleTable version = rules.byId(stored.ruleVersion());
        if (version == null) {
            return "rule version " + stored.ruleVersion() + " is not published";
        }
        // the version it names, even if a later one has been published for its date since
        List<RuleTable> pinned = new ArrayList<>(List.of(version));
        RuleTable assistance = stored.assistanceVersion() == null ? null : rules.byId(stored.assistanceVersion());
        if (assistance != null) {
            pinned.add(assistance);
        }
        Outcome outcome = SplitEngine.split(input, RuleBook.of(pinned));
        if (!(outcome instanceof Outcome.Settled settled)) {
            return "its input is now refused: " + ((Outcome.Refused) outcome).reason();
        }
        Settlement again = settled.settlement();
        if (!again.amounts().equals(stored.amounts()) || !again.funds().equals(stored.funds())
                || !again.delta().equals(stored.delta()) || !again.flags().equals(stored.flags())) {
            return "splits again to " + again.amounts() + " but answered " + stored.amounts();
        }
        return null;
    }

    private int settlements(Connection c, List<String> found, Progress progress) throws SQLException {
        Map<String, long[]> journal = new HashMap<>();
        Map<String, long[]> reversals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT settlement_id, kind, "
                + YearRowStore.COLUMNS + " FROM accumulator_journal WHERE settlement_id IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<String, long[]> into = "REVERSE".equals(rs.getString(2)) ? reversals : journal;
                long[] v = into.computeIfAbsent(rs.getString(1), k -> new long[Accumulator.count()]);
                for (int i = 0; i < v.length; i++) {
                    v[i] += rs.getLong(3 + i);
                }
            }
        }
        Map<String, List<FundPayment>> funds = FundRows.all(c);
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM settlements");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            progress.start("re-splitting settlements", rs.getLong(1));
        }
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + SettlementColumns.SELECT + ", engine_input "
                + "FROM settlements");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                n++;
                progress.advance(1);
                String id = rs.getString("settlement_id");
                SettlementRecord r;
                try {
                    r = SettlementColumns.row(rs).record(funds.getOrDefault(id, List.of()));
                } catch (SQLException | RuntimeException e) {
                    found.add("settlement " + id + ": unreadable row: " + e.getMessage());
                    continue;
                }
                check(r, rs.getString("engine_input"), journal, reversals, found);
            }
        }
        progress.done();
        return n;
    }

    private void check(SettlementRecord r, String engineInput, Map<String, long[]> journal,
                       Map<String, long[]> reversals, List<String> found) {
        String id = r.settlementId();
        Accumulators delta = r.bill().split().delta();
        Accumulators booked = Accumulators.of(journal.getOrDefault(id, new long[Accumulator.count()]));
        if (!delta.equals(booked)) {
            found.add("settlement " + id + ": delta " + delta + " but journal " + booked);
        }
        boolean reversed = r.status() == SettlementStatus.REVERSED;
        Accumulators undone = Accumulators.of(reversals.getOrDefault(id, new long[Accumulator.count()]));
        if (!undone.equals(reversed ? delta.negated() : Accumulators.ZERO)) {
            found.add("settlement " + id + " (" + r.status() + "): reversal journal " + undone);
        }
        String again = recompute(engineInput, r.bill().split());
        if (again != null) {
            found.add("settlement " + id + ": " + again);
        }
        long acct = r.bill().split().amounts().acctPay();
        if (r.ownDebit() + r.familyDebit() != acct) {
            found.add("settlement " + id + ": account debits " + r.ownDebit() + " + " + r.familyDebit()
                    + " ≠ acct_pay " + acct);
        }
    }
}
