package cn.onestop.settle;

import cn.onestop.kernel.AuditEvent;

import java.util.List;

/**
 * One transaction of the ledger, seen through small ports. Every write port takes a list, so that
 * the work of several settlements of different persons can be locked and written together.
 */
public interface LedgerTx {
    YearRows yearRows();

    Accounts accounts();

    Settlements settlements();

    MessageKeys messageKeys();

    /** Appends to the audit trail, in this transaction. */
    void audit(List<AuditEvent> events);
}
