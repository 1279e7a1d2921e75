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

    @Override
    public Map<String, Long> lock(Collection<String> personIds, Deadline deadline) {
        return Sql.get("lock accounts", () -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM accounts WHERE person_id = ? "
                    + "FOR UPDATE")) {
                if (deadline != null) {
                    ps.setQueryTimeout(deadline.seconds());
                }
                for (String id : new TreeSet<>(personIds)) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        out.put(id, rs.next() ? rs.getLong(1) : 0L);
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
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET balance = balance + ? WHERE person_id = ? AND balance = ?")) {
                for (Move m : real) {
                    ps.setLong(1, m.amount());
                    ps.setString(2, m.personId());
                    ps.setLong(3, m.before());
                    if (ps.executeUpdate() != 1) {
                        throw new SQLException("account " + m.personId() + " is not at the balance " + m.before()
                                + " read under lock");
                    }
                }
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
