package cn.onestop.grpc;

import cn.onestop.kernel.Canonical;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.settle.PageCursor;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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
            if (token.length() <= 120) {
                String[] parts = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                        .split("\\|", 2);
                List<FieldViolation> bad = new ArrayList<>(0);
                LocalDate date = Canonical.date(bad, "page_token", parts[0]);
                if (date != null && parts.length == 2 && Canonical.settlementId(parts[1])) {
                    return Optional.of(new PageCursor(date, parts[1]));
                }
            }
        } catch (RuntimeException e) {
            // below: a token this API did not give
        }
        throw new InvalidRequestException("page_token", "is not valid");
    }
}
