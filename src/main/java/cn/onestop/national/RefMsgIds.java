package cn.onestop.national;

import java.security.SecureRandom;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code inf_refmsgid}: the receiving area (6 digits), the time ({@code yyyyMMddHHmmss}) and a
 * sequence of 10 digits, which starts at a random place on every node so that two nodes' answers do
 * not collide.
 */
final class RefMsgIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final AtomicLong sequence = new AtomicLong(new SecureRandom().nextLong(1, 9_000_000_000L));

    String next(String area, ZonedDateTime now) {
        long n = Math.floorMod(sequence.getAndIncrement(), 10_000_000_000L);
        return area + TIME.format(now) + String.format("%010d", n);
    }
}
