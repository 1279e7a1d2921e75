package cn.onestop.request;

/** What every bill line has, classified or not: an id and an amount, {@code unit_price × qty} fen. */
public interface Line {
    String id();

    long amount();
}
