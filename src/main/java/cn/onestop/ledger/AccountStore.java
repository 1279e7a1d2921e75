package cn.onestop.ledger;

import cn.onestop.kernel.Deadline;
import cn.onestop.settle.Accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Personal account balances and their journal. Accounts are locked after the accumulator rows and
 * in person-id order, so two settlements that touch the same accounts cannot deadlock.
 */
final class AccountStore implements Accounts {
    private final Connection c;

    AccountStore(Connection c) {
        this.c = c;
    }

    /** Locks the accounts in person-id order, in one locking read. */
    @Override
    public Map<String, Long> lock(Collection<String> personIds, Deadline deadline) {
        List<String> sorted = List.copyOf(new TreeSet<>(personIds));
        return Sql.get("lock accounts", () -> {
            Map<String, Long> out = new LinkedHashMap<>();
            sorted.forEach(id -> out.put(id, 0L));
            try (PreparedStatement ps = c.prepareStatement("SELECT person_id, balance FROM accounts WHERE person_id IN ("
                    + Sql.marks(sorted.size()) + ") ORDER BY person_id FOR UPDATE")) {
                if (deadline != null) {
                    ps.setQueryTimeout(deadline.seconds());
                }
                for (int i = 0; i < sorted.size(); i++) {
                    ps.setString(i + 1, sorted.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public long peek(String personId) {
        return Sql.get("read account", () -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM accounts WHERE person_id = ?")) {
                ps.setString(1, personId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    /**
     * Several locked accounts in one statement: each row set to the balance computed from the one
     * read under lock (the batch holds each account once), checked against it.
     */
    private void moveAll(List<Move> moves) throws SQLException {
        StringBuilder cases = new StringBuilder("UPDATE accounts SET balance = CASE person_id");
        for (int i = 0; i < moves.size(); i++) {
            cases.append(" WHEN ? THEN ?");
        }
        cases.append(" END WHERE person_id IN (").append(Sql.marks(moves.size())).append(") AND (");
        for (int i = 0; i < moves.size(); i++) {
            cases.append(i == 0 ? "" : " OR ").append("(person_id = ? AND balance = ?)");
        }
        cases.append(')');
        try (PreparedStatement ps = c.prepareStatement(cases.toString())) {
            int i = 1;
            for (Move m : moves) {
                ps.setString(i++, m.personId());
                ps.setLong(i++, Math.addExact(m.before(), m.amount()));
            }
            for (Move m : moves) {
                ps.setString(i++, m.personId());
            }
            for (Move m : moves) {
                ps.setString(i++, m.personId());
                ps.setLong(i++, m.before());
            }
            if (ps.executeUpdate() != moves.size()) {
                throw new SQLException("accounts are not at the balances read under lock");
            }
        }
    }

    /**
     * Moves each locked account from the balance read under lock and journals it; the balance never
     * goes below zero (the table's check refuses it).
     */
    @Override
    public void move(List<Move> moves) {
        List<Move> real = new ArrayList<>(moves.size());
        for (Move m : moves) {
            if (m.amount() != 0) {
                real.add(m);
            }
        }
        if (real.isEmpty()) {
            return;
        }
        Sql.run("move accounts", () -> {
            if (real.size() == 1) {
                Move m = real.get(0);
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE accounts SET balance = balance + ? WHERE person_id = ? AND balance = ?")) {
                    ps.setLong(1, m.amount());
                    ps.setString(2, m.personId());
                    ps.setLong(3, m.before());
                    if (ps.executeUpdate() != 1) {
                        throw new SQLException("account " + m.personId() + " is not at the balance " + m.before()
                                + " read under lock");
                    }
                }
            } else {
                moveAll(real);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_journal "
                    + "(person_id, kind, amount, balance_after, settlement_id) VALUES "
                    + Sql.rows("(?, ?, ?, ?, ?)", real.size()))) {
                int i = 1;
                for (Move m : real) {
                    ps.setString(i++, m.personId());
                    ps.setString(i++, m.kind());
                    ps.setLong(i++, m.amount());
                    ps.setLong(i++, Math.addExact(m.before(), m.amount()));
                    ps.setString(i++, m.settlementId());
                }
                ps.executeUpdate();
            }
        });
    }
}
