package cn.onestop.visits;

import java.util.Objects;

/**
 * What a message is answered: made now ({@code value}, and the output kept for a retry) or, for a
 * retry, the output as first given ({@code value} null).
 */
public record Answer<T>(T value, String output, boolean replayed) {
    public Answer {
        Objects.requireNonNull(output, "output");
    }
}
