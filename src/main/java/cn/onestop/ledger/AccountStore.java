package cn.onestop.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Personal account balances and their journal. Accounts are locked after the accumulator row and
 * in person-id order, so two settlements that touch the same accounts cannot deadlock.
 */
final class AccountStore {
    private AccountStore() {
    }

    /** Locks the accounts of the given persons in id order; a person without an account has 0. */
    static Map<String, Long> lock(Connection c, List<String> personIds) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String id : new TreeSet<>(personIds)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT balance FROM accounts WHERE person_id = ? FOR UPDATE")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    out.put(id, rs.next() ? rs.getLong(1) : 0L);
                }
            }
        }
        return out;
    }

    static long peek(Connection c, String personId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM accounts WHERE person_id = ?")) {
            ps.setString(1, personId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }
    }

    /**
     * Moves a locked account whose balance is {@code before} by {@code amount} (negative: a debit)
     * and journals it; the balance never goes below zero (the table's check refuses it).
     */
    static void move(Connection c, String personId, long before, long amount, String kind, String settlementId)
            throws SQLException {
        if (amount == 0) {
            return;
        }
        long after = Math.addExact(before, amount);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE accounts SET balance = balance + ? WHERE person_id = ? AND balance = ?")) {
            ps.setLong(1, amount);
            ps.setString(2, personId);
            ps.setLong(3, before);
            if (ps.executeUpdate() != 1) {
                throw new SQLException("account " + personId + " is not at the balance " + before + " read under lock");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO account_journal "
                + "(person_id, kind, amount, balance_after, settlement_id) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, personId);
            ps.setString(2, kind);
            ps.setLong(3, amount);
            ps.setLong(4, after);
            ps.setString(5, settlementId);
            ps.executeUpdate();
        }
    }
}
