package cn.onestop.national;

import cn.onestop.kernel.Failure;
import com.fasterxml.jackson.databind.JsonNode;

/** What a transaction answers: an output, an output as first given (a retry), a file, or a refusal. */
sealed interface Outcome {
    /** infcode 0 with {@code output}; {@code warnings} into warn_msg. */
    record Ok(JsonNode output, String warnings) implements Outcome {
    }

    /** infcode 0 with an output already written: a journalled message's, as first given to it. */
    record Written(String output) implements Outcome {
    }

    /** A file's bytes as the answer itself (9102), not in an envelope. */
    record File(String filename, byte[] content) implements Outcome {
    }

    /** infcode -2: refused, nothing happened. */
    record Refused(Failure failure) implements Outcome {
    }

    static Outcome ok(JsonNode output) {
        return new Ok(output, "");
    }
}
