/**
 * Year-end sharing of an institution's inpatient pool overspend (E §52, POLICY §11): a pure function
 * of the actual spending, the budget or quota and the centre rules' thresholds.
 */
package cn.onestop.sharing;
