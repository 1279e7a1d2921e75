/**
 * Settlement with the insurance centre, the pure part (POLICY §11): admin-division codes, the
 * clearing category, clearing type and insurance type a settlement records, and the monthly
 * statement's advance on general inpatient pool spending (E §50). Records in, values out; no I/O.
 */
package cn.onestop.centre;
