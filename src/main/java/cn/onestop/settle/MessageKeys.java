package cn.onestop.settle;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: exactly once. The (institution, message id) of every Settle and Reverse, written in the same
 * transaction as its effects; a second write of the same key fails, so two identical retries racing
 * each other cannot both take effect.
 */
public interface MessageKeys {
    Optional<Key> find(String institutionCode, String messageId);

    /** The keys of those of {@code refs} that were used, in one look. */
    List<Key> findAll(java.util.Collection<Ref> refs);

    void insert(List<Key> keys);

    /** An (institution, message id) pair. */
    record Ref(String institutionCode, String messageId) {
        public Ref {
            Objects.requireNonNull(institutionCode, "institutionCode");
            Objects.requireNonNull(messageId, "messageId");
        }
    }

    /** What a message id was used for. */
    enum Operation { SETTLE, REVERSE }

    /**
     * One used message id.
     *
     * @param hash the request's fingerprint, of {@code hashKind}
     * @param targetId the settlement or reversal it made
     */
    record Key(String institutionCode, String messageId, Operation operation, RequestDigest.HashKind hashKind,
               byte[] hash, String targetId, Instant createdAt) {
        public Key {
            Objects.requireNonNull(institutionCode, "institutionCode");
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(hashKind, "hashKind");
            hash = hash.clone();
            Objects.requireNonNull(targetId, "targetId");
            Objects.requireNonNull(createdAt, "createdAt");
        }

        @Override
        public byte[] hash() {
            return hash.clone();
        }

        Ref ref() {
            return new Ref(institutionCode, messageId);
        }

        /** A new key for a request, keyed by its canonical fingerprint. */
        static Key of(String institutionCode, String messageId, Operation operation, RequestDigest digest,
                      String targetId, Instant at) {
            return new Key(institutionCode, messageId, operation, RequestDigest.HashKind.CANONICAL,
                    digest.canonical(), targetId, at);
        }

        /** Whether this key was made by the same operation with the same request. */
        boolean sameRequest(Operation op, RequestDigest digest) {
            return operation == op && digest.matches(hashKind, hash);
        }
    }
}
