package cn.onestop.ledger;

import cn.onestop.audit.AuditTrail;
import cn.onestop.db.Transactions;
import cn.onestop.kernel.AuditEvent;
import cn.onestop.kernel.Deadline;
import cn.onestop.kernel.Result;
import cn.onestop.settle.Accounts;
import cn.onestop.settle.LedgerStore;
import cn.onestop.settle.LedgerTx;
import cn.onestop.settle.MessageKeys;
import cn.onestop.settle.Settlements;
import cn.onestop.settle.YearRows;

import javax.sql.DataSource;
import java.sql.Connection;
import java.util.List;
import java.util.function.Function;

/**
 * The ledger on MariaDB: each unit of work is one transaction through {@link Transactions} (and its
 * one error policy), its ports bound to the transaction's connection.
 *
 * <p>Blocking (JDBC): call it from a worker thread, never from a network event loop.
 */
public final class JdbcLedger implements LedgerStore {
    private final Transactions tx;

    public JdbcLedger(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    @Override
    public <T> Result<T> write(Deadline deadline, Function<LedgerTx, Result<T>> work) {
        return tx.decide(deadline, c -> work.apply(new Bound(c)));
    }

    @Override
    public <T> Result<T> writeKeyed(Deadline deadline, Function<LedgerTx, Result<T>> work) {
        return tx.decideKeyed(deadline, c -> work.apply(new Bound(c)));
    }

    @Override
    public <T> T read(Function<LedgerTx, T> work) {
        return tx.read(c -> work.apply(new Bound(c)));
    }

    /** The ports of one transaction. */
    private static final class Bound implements LedgerTx {
        private final Connection c;
        private final YearRowStore yearRows;
        private final AccountStore accounts;
        private final SettlementRows settlements;
        private final MessageKeyStore keys;

        Bound(Connection c) {
            this.c = c;
            this.yearRows = new YearRowStore(c);
            this.accounts = new AccountStore(c);
            this.settlements = new SettlementRows(c);
            this.keys = new MessageKeyStore(c);
        }

        @Override
        public YearRows yearRows() {
            return yearRows;
        }

        @Override
        public Accounts accounts() {
            return accounts;
        }

        @Override
        public Settlements settlements() {
            return settlements;
        }

        @Override
        public MessageKeys messageKeys() {
            return keys;
        }

        @Override
        public void audit(List<AuditEvent> events) {
            Sql.run("write audit trail", () -> AuditTrail.append(c, events));
        }
    }
}
