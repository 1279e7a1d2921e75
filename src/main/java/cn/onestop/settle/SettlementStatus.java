package cn.onestop.settle;

/** Where a settlement stands: as made, or undone by a reversal. */
public enum SettlementStatus { SETTLED, REVERSED }
