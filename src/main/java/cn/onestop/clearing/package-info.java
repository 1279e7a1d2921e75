/**
 * The clearing side's use cases: daily close, the monthly statement (E §50), reconciliation of totals
 * and of details with the centre and with the hospital's billing system, the clearing nodes' extracts
 * with their confirmation and rollback, the monthly clearing application, and the year-end sharing
 * estimate (E §52). Domain commands in, domain outcomes out, through small ports: {@link Books} reads
 * the ledger (read-only, never holding up a settlement), the others keep what clearing itself records.
 */
package cn.onestop.clearing;
