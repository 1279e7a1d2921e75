package cn.onestop.csv;

/**
 * The whole numbers a column accepts and the words for one it does not: {@code notWhole} is
 * followed by the cell's text in quotes, {@code outOfRange} by the number.
 *
 * @param min the smallest value accepted
 * @param max the largest value accepted
 * @param notWhole e.g. {@code "must be an integer 0..3, got "}
 * @param outOfRange e.g. {@code "must be 0..3, got "}
 */
public record Bounds(long min, long max, String notWhole, String outOfRange) {
    /** An amount of whole fen, 0 or more. */
    public static final Bounds FEN =
            new Bounds(
                    0,
                    Long.MAX_VALUE,
                    "must be whole fen (an integer, 1 yuan = 100), got ",
                    "must be ≥ 0 fen, got ");

    public Bounds {
        if (min > max) {
            throw new IllegalArgumentException("min " + min + " > max " + max);
        }
    }

    /** {@code min..max} with the plain words for it. */
    public static Bounds of(long min, long max) {
        return new Bounds(
                min,
                max,
                "must be an integer " + min + ".." + max + ", got ",
                "must be " + min + ".." + max + ", got ");
    }

    /** The same range, said otherwise for text that is not a whole number. */
    public Bounds notWhole(String words) {
        return new Bounds(min, max, words, outOfRange);
    }

    /** Whether {@code x} is in range. */
    public boolean contains(long x) {
        return x >= min && x <= max;
    }
}
