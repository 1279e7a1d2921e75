package cn.onestop.request;

import cn.onestop.kernel.InvalidRequestException;

/** Constructor checks shared by the request records. */
final class Require {
    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new InvalidRequestException(field, "is required");
        }
        return value;
    }

    static long notNegative(long value, String field) {
        if (value < 0) {
            throw new InvalidRequestException(field, "must not be negative, got " + value);
        }
        return value;
    }
}
