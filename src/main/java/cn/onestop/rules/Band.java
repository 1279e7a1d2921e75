package cn.onestop.rules;

/**
 * One band of a banded ratio on a cumulative axis: it covers positions below {@code upto}
 * (exclusive) and above the previous band's limit; the last band is open
 * ({@code upto == Long.MAX_VALUE}).
 */
public record Band(long upto, Param ratio) {
}
