package cn.onestop.visits;

import java.util.Objects;

/**
 * A national message that changes something: its sender's institution, its msgid, its transaction
 * number and the canonical fingerprint of what it asks (a retry asks the same; a different request
 * under a used msgid is refused).
 */
public record Message(String institutionCode, String messageId, String infno, byte[] digest) {
    public Message {
        Objects.requireNonNull(institutionCode, "institutionCode");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(infno, "infno");
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }
}
