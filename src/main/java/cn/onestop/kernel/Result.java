package cn.onestop.kernel;

import java.util.Objects;

/** What an operation returns: its answer, or a typed refusal. Nothing was written on a refusal. */
public sealed interface Result<T> {
    record Ok<T>(T value) implements Result<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Failed<T>(Failure failure) implements Result<T> {
        public Failed {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Result<T> failed(Reason reason, String message) {
        return new Failed<>(Failure.of(reason, message));
    }

    /** A refusal naming one field. */
    static <T> Result<T> invalid(String field, String description) {
        return new Failed<>(new Failure(Reason.INVALID_ARGUMENT, field + ": " + description,
                java.util.List.of(new FieldViolation(field, description))));
    }

    /** The answer mapped, or the same refusal. */
    default <U> Result<U> map(java.util.function.Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Failed<>(((Failed<T>) this).failure());
    }

    /** The next step on the answer, or the same refusal. */
    default <U> Result<U> flatMap(java.util.function.Function<? super T, Result<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return new Failed<>(((Failed<T>) this).failure());
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The answer; throws if this is a refusal (for tests and callers that checked). */
    default T value() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("refused: " + ((Failed<T>) this).failure());
    }
}
