/**
 * The national platform's stateful flow (国家医保信息平台接口): a visit is registered, its fee details
 * uploaded and reviewed, then pre-settled and settled — through the settlement use cases, so one
 * ledger and one set of exactly-once keys serve every front. Every message that changes something
 * is journalled by (institution, msgid) before it acts; 2601 reverses one by msgid. Ports: {@link
 * cn.onestop.visits.VisitStore}, {@link cn.onestop.visits.MessageJournal}.
 */
package cn.onestop.visits;
