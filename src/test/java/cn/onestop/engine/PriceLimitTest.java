package cn.onestop.engine;

import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.Grade;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A catalog price limit per unit: the excess is over-limit self pay; the rest is classified as usual. */
class PriceLimitTest {

    @Test
    void theExcessAboveTheLimitIsOverLimitSelfPayAndTheRestIsClassified() {
        SetlInfo a = Req.employee().at(2, Grade.A).noAccount()
                .limited(Category.B, 1_200, 3, BillLine.NO_RATIO, 1_000)
                .limited(Category.CONSUMABLE, 50_000, 1, 2000, 40_000)
                .limited(Category.A, 900, 2, BillLine.NO_RATIO, 1_000).amounts();
        assertEquals(3_600 + 50_000 + 1_800, a.medfeeSumamt());
        assertEquals(600 + 10_000, a.overlmtSelfpay());
        assertEquals(300 + 8_000, a.preselfpayAmt());
        assertEquals(2_700 + 32_000 + 1_800, a.inscpScpAmt());
    }

    @Test
    void aLimitOnAnOwnPayLineChangesNothing() {
        SetlInfo a = Req.employee().limited(Category.SELF, 5_000, 2, BillLine.NO_RATIO, 1_000).line(Category.A, 100)
                .amounts();
        assertEquals(10_000, a.fulamtOwnpayAmt());
        assertEquals(0, a.overlmtSelfpay());
    }

    @Test
    void aBedLineMeetsItsPriceLimitThenTheDailyCap() {
        // level-2 cap 3000 a day; the catalog limit 5000; price 6000 × 2 days
        SetlInfo a = Req.employee().at(2, Grade.A).limited(Category.BED, 6_000, 2, BillLine.NO_RATIO, 5_000).amounts();
        assertEquals(2_000 + 4_000, a.overlmtSelfpay());
        assertEquals(6_000, a.inscpScpAmt());
    }

    @Test
    void aPriceAtOrBelowTheLimitIsUntouched() {
        SetlInfo a = Req.employee().limited(Category.A, 1_000, 4, BillLine.NO_RATIO, 1_000).amounts();
        assertEquals(0, a.overlmtSelfpay());
        assertEquals(4_000, a.inscpScpAmt());
    }
}
