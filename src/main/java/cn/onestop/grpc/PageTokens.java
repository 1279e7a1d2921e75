package cn.onestop.grpc;

import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.settle.PageCursor;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;

/** Page tokens: opaque to callers, the last record's settlement date and id underneath. */
final class PageTokens {
    private PageTokens() {
    }

    static String token(PageCursor c) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (c.settleDate() + "|" + c.settlementId()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a token this API gave; empty for none; a token it did not give is refused. */
    static Optional<PageCursor> cursor(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8).split("\\|", 2);
            return Optional.of(new PageCursor(LocalDate.parse(parts[0]), parts[1]));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("page_token", "is not valid");
        }
    }
}
