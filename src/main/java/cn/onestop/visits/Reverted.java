package cn.onestop.visits;

import cn.onestop.settle.Reversed;

import java.util.Objects;

/**
 * What a 2601 (冲正) did to the message it names.
 *
 * @param happened whether that message had taken effect (and is now undone)
 * @param reversal the settlement's reversal when the message was a settlement that had happened, or null
 */
public record Reverted(String originalMessageId, String originalInfno, boolean happened, Reversed reversal) {
    public Reverted {
        Objects.requireNonNull(originalMessageId, "originalMessageId");
        Objects.requireNonNull(originalInfno, "originalInfno");
    }
}
