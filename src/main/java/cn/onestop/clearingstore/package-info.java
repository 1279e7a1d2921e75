/**
 * The clearing side's ports on MariaDB: {@link cn.onestop.clearingstore.JdbcBooks} reads the ledger's
 * settlements, reversals and fund rows in read-only READ COMMITTED transactions (no locking read, so
 * checkout is never held up); the others keep day closes, statements, reconciliation outcomes, a
 * clearing node's confirmations and clearing applications, each through {@code db.Transactions}.
 */
package cn.onestop.clearingstore;
