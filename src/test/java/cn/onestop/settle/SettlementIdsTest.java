package cn.onestop.settle;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettlementIdsTest {
    @Test
    void idsOrderByTimeAndTheirRestIsRandom() {
        SettlementIds ids = new SettlementIds();
        String a = ids.next('S', 1_000);
        String b = ids.next('S', 1_001);
        assertTrue(a.compareTo(b) < 0, "time first");
        assertEquals(29, a.length());
        Set<String> tails = new HashSet<>();
        Set<Character> firstRandomDigits = new HashSet<>();
        for (int i = 0; i < 2_000; i++) {
            String id = ids.next('S', 1_000);
            tails.add(id.substring(13));
            firstRandomDigits.add(id.charAt(13));
        }
        assertEquals(2_000, tails.size(), "no two ids of the same millisecond alike");
        assertEquals(16, firstRandomDigits.size(), "the part after the time is not a counter");
    }
}
