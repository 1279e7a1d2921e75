package cn.onestop.grpc;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.settle.Limits;
import cn.onestop.settle.SettleCommand;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gRPC request as a command: every field at fault named, and a fingerprint the wire cannot move. */
class RequestMapperTest {
    static final RequestMapper MAPPER = new RequestMapper(Limits.DEFAULTS, LocalDate.of(2025, 12, 30));

    static SettleRequest.Builder request() {
        return SettleRequest.newBuilder().setInstitutionCode("H15010500001").setMessageId("m-1")
                .setCredential(Credential.newBuilder().setType(CredentialType.E_VOUCHER).setValue("EV-1"))
                .setSettleDate("2025-03-10").setVisit(Visit.newBuilder().setType(VisitType.INPATIENT))
                .addLines(BillLine.newBuilder().setId("a").setCategory(Category.A).setUnitPrice(1_000).setQty(2))
                .addLines(BillLine.newBuilder().setId("b").setItemCode("xc10aaa002a001010100217").setUnitPrice(500)
                        .setQty(1));
    }

    static List<String> fields(SettleRequest r) {
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> MAPPER.settle(r, true));
        return e.violations().stream().map(FieldViolation::field).toList();
    }

    @Test
    void everyFaultOfOneLineIsNamedNotOnlyTheFirst() {
        SettleRequest r = request().setLines(0, BillLine.newBuilder().setId("a").setCategory(Category.A)
                .setUnitPrice(-5).setQty(0)).build();
        assertEquals(List.of("lines[0].unit_price", "lines[0].qty"), fields(r));
    }

    @Test
    void faultsOfSeveralLinesAndOfTheBillAsAWholeComeTogether() {
        SettleRequest r = request().clearMessageId()
                .addLines(BillLine.newBuilder().setId("a").setCategory(Category.A).setUnitPrice(1).setQty(1))
                .addLines(BillLine.newBuilder().setId("d").setCategory(Category.CONSUMABLE).setUnitPrice(1).setQty(1))
                .addLines(BillLine.newBuilder().setId("").setUnitPrice(1).setQty(1)).build();
        assertEquals(List.of("message_id", "lines[3].self_ratio_bp", "lines[4].id", "lines[4].category",
                "lines[2].id"), fields(r));
    }

    @Test
    void aValidRequestBecomesTheCommandWithItsCodeNormalized() {
        SettleCommand c = MAPPER.settle(request().build(), true);
        assertEquals("H15010500001", c.institutionCode());
        assertEquals(2, c.lines().size());
        assertEquals("XC10AAA002A001010100217", c.lines().get(1).itemCode());
        assertEquals(2_000, c.lines().get(0).amount());
    }

    @Test
    void aFieldThisVersionDoesNotKnowLeavesTheFingerprintAsItWas() throws Exception {
        SettleRequest plain = request().build();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(extra);
        out.writeString(99, "a field of a later version");
        out.flush();
        SettleRequest withUnknown = SettleRequest.parseFrom(plain.toByteString().concat(ByteString.copyFrom(
                extra.toByteArray())));
        assertFalse(withUnknown.getUnknownFields().asMap().isEmpty());
        SettleCommand a = MAPPER.settle(plain, true);
        SettleCommand b = MAPPER.settle(withUnknown, true);
        assertArrayEquals(a.digest().canonical(), b.digest().canonical());
        assertFalse(Arrays.equals(a.digest().legacyWire(), b.digest().legacyWire()), "the wire bytes did differ");
    }

    @Test
    void anyChangeThatDecidesTheOutcomeChangesTheFingerprint() {
        byte[] base = MAPPER.settle(request().build(), true).digest().canonical();
        List<SettleRequest> others = List.of(
                request().setSettleDate("2025-03-11").build(),
                request().setLines(0, BillLine.newBuilder().setId("a").setCategory(Category.A).setUnitPrice(1_000)
                        .setQty(3)).build(),
                request().setVisit(Visit.newBuilder().setType(VisitType.INPATIENT).setUseAccount(true)).build(),
                request().setPersonId("P1").build(),
                request().setCredential(Credential.newBuilder().setType(CredentialType.ID_CARD).setValue("EV-1"))
                        .build());
        for (SettleRequest o : others) {
            assertFalse(Arrays.equals(base, MAPPER.settle(o, true).digest().canonical()), o.toString());
        }
        assertTrue(Arrays.equals(base, MAPPER.settle(request().build(), true).digest().canonical()));
    }
}
