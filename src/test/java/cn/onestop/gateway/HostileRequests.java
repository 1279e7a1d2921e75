package cn.onestop.gateway;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Category;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.CredentialType;
import cn.onestop.api.v1.FamilyPayer;
import cn.onestop.api.v1.GetPersonRequest;
import cn.onestop.api.v1.GetSettlementRequest;
import cn.onestop.api.v1.InstitutionMessage;
import cn.onestop.api.v1.ListSettlementsRequest;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.api.v1.SettlementServiceGrpc;
import cn.onestop.api.v1.Visit;
import cn.onestop.api.v1.VisitType;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.grpc.MethodDescriptor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Hostile requests, from one seeded {@link Random}: every kind an outside probe tried (amounts, days,
 * lines and dates out of bounds, keys in another form, other institutions' codes and settlements,
 * malformed protobuf, invalid UTF-8) and random mutations of valid bills, each as the bytes of one
 * request frame to one method of the settlement API.
 */
final class HostileRequests {
    /** One request: what it is (for the report), the method and the frame. */
    record Probe(String kind, MethodDescriptor<?, ?> method, byte[] frame) {
    }

    static final String SELF = GatewayFixture.HOSPITAL_3A;
    static final List<String> OTHER_CODES = List.of(GatewayFixture.HOSPITAL_L2, GatewayFixture.WUHAI_L3,
            GatewayFixture.PHARMACY, "H99999999999");
    private static final String[] HOSTILE_CODES = {"h15010500001", "H15010500001 ", " H15010500001", "H1501050000１",
        "H150105000011", "", " ", "H15010500001\u0000", "X", "H15010500001\u202e", "ＨＩＪ", "H" + "1".repeat(200)};
    private static final String[] HOSTILE_DATES = {"-999999999-01-01", "+02026-03-10", "+999999999-12-31",
        "2025-3-10", "2025-03-10 ", " 2025-03-10", "2025-02-29", "2025-02-30", "2025-13-01", "20250310", "1999-12-31",
        "0000-01-01", "9999-12-31", "2100-01-01", "２０２５-03-10", "2025-03-10T00:00", "", "2025-03-1\u0000",
        "2024-02-29", "2000-01-01", "1900-01-01"};
    private static final long[] HOSTILE_LONGS = {-1, 0, 1, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE,
        200_000_000, 200_000_001, 100_000, 100_001, 1_000_000_000, 1_000_000_001, 4_611_686_018_427_387_904L,
        3_037_000_500L};
    private static final int[] HOSTILE_INTS = {-1, 0, 1, 365, 366, 367, Integer.MAX_VALUE, Integer.MIN_VALUE, 36_600,
        10_000, 10_001, 99};
    private static final String[] PIECES = {"a", "Z", "0", "-", ".", "_", ":", " ", "\t", "\n", "\u0000", "\u007f",
        "\u00e9", "中", "文", "\ud83d\ude00", "\u200b", "\u202e", "\u0301", "１", "'", "\"", "\\", "%", "/", ";",
        "--", "' OR '1'='1", "\ufeff", "\ufffd"};

    private final Random r;
    private final List<String> persons;
    private int sequence;
    /** Frames of settlements that were accepted: resent exactly, or mutated under the same message id. */
    final List<byte[]> accepted = new ArrayList<>();
    /** Settlement ids the caller made, and of another institution. */
    final List<String> settlementIds = new ArrayList<>();
    final List<String> messageIds = new ArrayList<>();

    HostileRequests(long seed, List<String> persons) {
        this.r = new Random(seed);
        this.persons = persons;
    }

    /** The next probe. */
    Probe next() {
        int k = r.nextInt(1000);
        if (k < 60) {
            return settle("valid", valid());
        }
        if (k < 110 && !accepted.isEmpty()) {
            byte[] again = accepted.get(r.nextInt(accepted.size()));
            return new Probe("replay", SettlementServiceGrpc.getSettleMethod(), again);
        }
        if (k < 140 && !accepted.isEmpty()) {
            try {
                SettleRequest.Builder b = SettleRequest.parseFrom(accepted.get(r.nextInt(accepted.size()))).toBuilder();
                return settle("reused message id", mutateLine(b));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (k < 500) {
            SettleRequest.Builder b = valid();
            StringBuilder kind = new StringBuilder("mutated");
            for (int i = 1 + r.nextInt(3); i > 0; i--) {
                kind.append(' ').append(mutate(b));
            }
            return settle(kind.toString(), b);
        }
        if (k < 580) {
            SettleRequest.Builder b = valid().setMessageId(r.nextInt(3) == 0 ? text(10) : "");
            String kind = "pre-settle " + mutate(b);
            return new Probe(kind, SettlementServiceGrpc.getPreSettleMethod(), b.build().toByteArray());
        }
        if (k < 700) {
            SettleRequest.Builder b = valid();
            if (r.nextBoolean()) {
                mutate(b);
            }
            return new Probe("bytes mutated", r.nextInt(5) == 0 ? SettlementServiceGrpc.getPreSettleMethod()
                    : SettlementServiceGrpc.getSettleMethod(), mutateBytes(b.build().toByteArray()));
        }
        if (k < 740) {
            byte[] noise = new byte[r.nextInt(300)];
            r.nextBytes(noise);
            return new Probe("random bytes", anyMethod(), noise);
        }
        if (k < 840) {
            return reverse();
        }
        if (k < 880) {
            return getSettlement();
        }
        if (k < 950) {
            return list();
        }
        if (k < 997) {
            return person();
        }
        return settle("many lines", manyLines());
    }

    private Probe settle(String kind, SettleRequest.Builder b) {
        return new Probe(kind, SettlementServiceGrpc.getSettleMethod(), b.build().toByteArray());
    }

    private MethodDescriptor<?, ?> anyMethod() {
        List<MethodDescriptor<?, ?>> all = List.of(SettlementServiceGrpc.getSettleMethod(),
                SettlementServiceGrpc.getPreSettleMethod(), SettlementServiceGrpc.getReverseMethod(),
                SettlementServiceGrpc.getGetSettlementMethod(), SettlementServiceGrpc.getListSettlementsMethod(),
                SettlementServiceGrpc.getGetPersonMethod());
        return all.get(r.nextInt(all.size()));
    }

    /** A bill the gateway settles as it is, for one of the persons, under a new message id. */
    SettleRequest.Builder valid() {
        String person = persons.get(r.nextInt(persons.size()));
        VisitType[] types = {VisitType.INPATIENT, VisitType.INPATIENT, VisitType.GENERAL_OUTPATIENT,
            VisitType.EMERGENCY_OUTPATIENT, VisitType.PHARMACY, VisitType.EMERGENCY_TO_INPATIENT};
        SettleRequest.Builder b = SettleRequest.newBuilder().setInstitutionCode(SELF).setMessageId("fz-" + (++sequence))
                .setCredential(GatewayFixture.voucher(person))
                .setSettleDate(LocalDate.of(2025, 1, 1).plusDays(r.nextInt(330)).toString())
                .setVisit(Visit.newBuilder().setType(types[r.nextInt(types.length)]).setUseAccount(r.nextBoolean())
                        .setDays(r.nextInt(30)));
        if (r.nextInt(4) == 0) {
            b.setPersonId(person);
        }
        for (int i = 1 + r.nextInt(6); i > 0; i--) {
            b.addLines(validLine("l" + i));
        }
        return b;
    }

    private BillLine.Builder validLine(String id) {
        Category[] cats = {Category.A, Category.B, Category.BLOOD, Category.BED, Category.SELF, Category.CONSUMABLE,
            Category.EXCLUDED};
        Category c = cats[r.nextInt(cats.length)];
        BillLine.Builder l = BillLine.newBuilder().setId(id).setCategory(c).setUnitPrice(1 + r.nextInt(500_000))
                .setQty(1 + r.nextInt(20)).setTcmDrug(r.nextInt(8) == 0).setEmergency(r.nextInt(8) == 0);
        if (c == Category.CONSUMABLE) {
            l.setSelfRatioBp(r.nextInt(10_001));
        }
        return l;
    }

    /** One mutation of the bill; returns its name. */
    private String mutate(SettleRequest.Builder b) {
        switch (r.nextInt(12)) {
            case 0 -> {
                b.setInstitutionCode(r.nextBoolean() ? pick(HOSTILE_CODES) : r.nextBoolean() ? pick(OTHER_CODES)
                        : text(20));
                return "institution_code";
            }
            case 1 -> {
                b.setMessageId(r.nextInt(4) == 0 && !messageIds.isEmpty() ? flip(pick(messageIds)) : text(80));
                return "message_id";
            }
            case 2 -> {
                b.setCredential(credential());
                return "credential";
            }
            case 3 -> {
                b.setPersonId(r.nextBoolean() ? pick(persons) : text(40));
                return "person_id";
            }
            case 4 -> {
                b.setSettleDate(r.nextInt(3) == 0 ? text(12) : pick(HOSTILE_DATES));
                return "settle_date";
            }
            case 5 -> {
                Visit.Builder v = b.getVisit().toBuilder();
                switch (r.nextInt(4)) {
                    case 0 -> v.setTypeValue(r.nextInt(12) - 2);
                    case 1 -> v.setFilingValue(r.nextInt(8) - 2);
                    case 2 -> v.setDays(pick(HOSTILE_INTS));
                    default -> b.clearVisit();
                }
                if (b.hasVisit() || r.nextBoolean()) {
                    b.setVisit(v);
                }
                return "visit";
            }
            case 6, 7 -> {
                mutateLine(b);
                return "line";
            }
            case 8 -> {
                return structure(b);
            }
            case 9 -> {
                b.setFamilyPayer(FamilyPayer.newBuilder().setCredential(credential()).setRelationValue(r.nextInt(6) - 1));
                return "family_payer";
            }
            case 10 -> {
                // a field of a later version: unknown to this one
                b.mergeFrom(unknownField());
                return "unknown field";
            }
            default -> {
                b.setSettleDate(LocalDate.of(1995, 1, 1).plusDays(r.nextInt(40 * 366)).toString());
                return "date in any year";
            }
        }
    }

    private SettleRequest unknownField() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            CodedOutputStream c = CodedOutputStream.newInstance(out);
            c.writeString(90 + r.nextInt(100), text(20));
            c.flush();
            return SettleRequest.parseFrom(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One field of one line set to a hostile value. */
    private SettleRequest.Builder mutateLine(SettleRequest.Builder b) {
        if (b.getLinesCount() == 0) {
            b.addLines(validLine("x"));
        }
        int i = r.nextInt(b.getLinesCount());
        BillLine.Builder l = b.getLines(i).toBuilder();
        switch (r.nextInt(8)) {
            case 0 -> l.setUnitPrice(r.nextBoolean() ? pick(HOSTILE_LONGS) : r.nextLong());
            case 1 -> l.setQty(r.nextBoolean() ? pick(HOSTILE_LONGS) : r.nextLong());
            case 2 -> l.setCategoryValue(r.nextInt(10) - 1);
            case 3 -> l.setSelfRatioBp(r.nextBoolean() ? pick(HOSTILE_INTS) : r.nextInt());
            case 4 -> l.setItemCode(r.nextBoolean() ? text(60) : "XL01XCA001B002010100452");
            case 5 -> l.setId(text(r.nextBoolean() ? 8 : 90));
            case 6 -> l.clearCategory().setItemCode(text(20));
            default -> {
                l.setUnitPrice(pick(HOSTILE_LONGS));
                l.setQty(pick(HOSTILE_LONGS));
            }
        }
        b.setLines(i, l);
        return b;
    }

    /** Lines dropped, duplicated, reordered or added. */
    private String structure(SettleRequest.Builder b) {
        switch (r.nextInt(5)) {
            case 0 -> {
                b.clearLines();
                return "no lines";
            }
            case 1 -> {
                if (b.getLinesCount() > 1) {
                    List<BillLine> l = new ArrayList<>(b.getLinesList());
                    l.remove(r.nextInt(l.size()));
                    b.clearLines().addAllLines(l);
                }
                return "a line dropped";
            }
            case 2 -> {
                if (b.getLinesCount() > 0) {
                    b.addLines(b.getLines(r.nextInt(b.getLinesCount())));
                }
                return "a line duplicated";
            }
            case 3 -> {
                List<BillLine> l = new ArrayList<>(b.getLinesList());
                java.util.Collections.shuffle(l, r);
                b.clearLines().addAllLines(l);
                return "lines reordered";
            }
            default -> {
                for (int i = r.nextInt(60); i > 0; i--) {
                    b.addLines(validLine("more-" + i));
                }
                return "lines added";
            }
        }
    }

    /** A bill near or beyond the line limit (10,000). */
    private SettleRequest.Builder manyLines() {
        SettleRequest.Builder b = valid().clearLines();
        int n = r.nextBoolean() ? 10_001 + r.nextInt(5_000) : 2_000 + r.nextInt(8_000);
        for (int i = 0; i < n; i++) {
            b.addLines(BillLine.newBuilder().setId("n" + i).setCategory(Category.A).setUnitPrice(1 + r.nextInt(100))
                    .setQty(1));
        }
        return b;
    }

    private Credential credential() {
        Credential.Builder c = Credential.newBuilder();
        c.setTypeValue(r.nextInt(3) == 0 ? r.nextInt(8) - 2 : CredentialType.E_VOUCHER_VALUE);
        c.setValue(switch (r.nextInt(4)) {
            case 0 -> "EV-" + pick(persons);
            case 1 -> "ev-" + pick(persons);
            case 2 -> "EV-" + pick(persons) + " ";
            default -> text(140);
        });
        return c.build();
    }

    private Probe reverse() {
        ReverseRequest.Builder b = ReverseRequest.newBuilder().setInstitutionCode(r.nextInt(6) == 0
                ? pick(r.nextBoolean() ? OTHER_CODES : List.of(HOSTILE_CODES)) : SELF)
                .setMessageId(r.nextInt(5) == 0 ? text(70) : "rv-" + (++sequence));
        switch (r.nextInt(5)) {
            case 0, 1 -> {
                if (!settlementIds.isEmpty()) {
                    String id = pick(settlementIds);
                    b.setSettlementId(r.nextInt(4) == 0 ? flip(id) : id);
                } else {
                    b.setSettlementId(text(25));
                }
            }
            case 2 -> b.setOriginalMessageId(messageIds.isEmpty() ? text(10) : r.nextInt(4) == 0
                    ? flip(pick(messageIds)) : pick(messageIds));
            case 3 -> b.setSettlementId(text(50));
            default -> {
                // no target at all
            }
        }
        if (r.nextInt(4) == 0) {
            b.setReason(text(r.nextBoolean() ? 30 : 600));
        }
        return new Probe("reverse", SettlementServiceGrpc.getReverseMethod(), b.build().toByteArray());
    }

    private Probe getSettlement() {
        GetSettlementRequest.Builder b = GetSettlementRequest.newBuilder();
        switch (r.nextInt(3)) {
            case 0 -> b.setSettlementId(settlementIds.isEmpty() || r.nextInt(3) == 0 ? text(45) : flip(pick(settlementIds)));
            case 1 -> b.setByMessage(InstitutionMessage.newBuilder().setInstitutionCode(r.nextBoolean() ? SELF
                    : pick(HOSTILE_CODES)).setMessageId(messageIds.isEmpty() ? text(10) : flip(pick(messageIds))));
            default -> {
                // no key
            }
        }
        return new Probe("get settlement", SettlementServiceGrpc.getGetSettlementMethod(), b.build().toByteArray());
    }

    private Probe list() {
        ListSettlementsRequest.Builder b = ListSettlementsRequest.newBuilder()
                .setInstitutionCode(r.nextInt(5) == 0 ? pick(r.nextBoolean() ? OTHER_CODES : List.of(HOSTILE_CODES))
                        : SELF)
                .setFromDate(r.nextInt(3) == 0 ? pick(HOSTILE_DATES) : "2025-01-01")
                .setToDate(r.nextInt(3) == 0 ? pick(HOSTILE_DATES) : "2025-12-31")
                .setPageSize(r.nextInt(4) == 0 ? pick(HOSTILE_INTS) : r.nextInt(100));
        switch (r.nextInt(4)) {
            case 0 -> b.setPageToken(text(30));
            case 1 -> b.setPageToken(Base64.getUrlEncoder().withoutPadding().encodeToString((pick(HOSTILE_DATES) + "|"
                    + (settlementIds.isEmpty() ? text(5) : pick(settlementIds))).getBytes(StandardCharsets.UTF_8)));
            case 2 -> b.setPageToken(Base64.getUrlEncoder().encodeToString(text(200).getBytes(StandardCharsets.UTF_8)));
            default -> {
                // first page
            }
        }
        return new Probe("list", SettlementServiceGrpc.getListSettlementsMethod(), b.build().toByteArray());
    }

    private Probe person() {
        GetPersonRequest.Builder b = GetPersonRequest.newBuilder().setYear(r.nextInt(3) == 0 ? pick(HOSTILE_INTS)
                : 2025);
        if (r.nextInt(6) != 0) {
            b.setCredential(credential());
        }
        return new Probe("get person", SettlementServiceGrpc.getGetPersonMethod(), b.build().toByteArray());
    }

    /** The bytes of a frame, changed: bits flipped, cut, a piece repeated or inserted. */
    private byte[] mutateBytes(byte[] in) {
        ByteString b = ByteString.copyFrom(in);
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.size());
            switch (r.nextInt(5)) {
                case 0 -> {
                    byte[] x = b.toByteArray();
                    if (x.length > 0) {
                        x[at] ^= (byte) (1 << r.nextInt(8));
                    }
                    b = ByteString.copyFrom(x);
                }
                case 1 -> b = b.substring(0, at);
                case 2 -> {
                    int len = Math.min(b.size() - at, 1 + r.nextInt(20));
                    b = b.substring(0, at).concat(b.substring(at, at + len)).concat(b.substring(at));
                }
                case 3 -> {
                    byte[] x = new byte[1 + r.nextInt(8)];
                    r.nextBytes(x);
                    b = b.substring(0, at).concat(ByteString.copyFrom(x)).concat(b.substring(at));
                }
                default -> {
                    byte[] x = b.toByteArray();
                    if (x.length > 0) {
                        x[at] = (byte) (r.nextBoolean() ? 0xff : 0x80); // a varint that never ends, a bad length
                    }
                    b = ByteString.copyFrom(x);
                }
            }
        }
        return b.toByteArray();
    }

    /** A string of up to {@code max} pieces: letters, spaces, controls, CJK, emoji, marks, quotes. */
    String text(int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(max + 1); n > 0; n--) {
            sb.append(r.nextInt(3) == 0 ? PIECES[r.nextInt(PIECES.length)]
                    : (char) ('0' + r.nextInt(75)));
        }
        return sb.toString();
    }

    /** The same key in another form: case changed, a space or a character added, or cut. */
    private String flip(String s) {
        return switch (r.nextInt(5)) {
            case 0 -> s.toLowerCase(java.util.Locale.ROOT);
            case 1 -> s + " ";
            case 2 -> " " + s;
            case 3 -> s.isEmpty() ? s : s.substring(0, s.length() - 1);
            default -> s;
        };
    }

    private <T> T pick(List<T> l) {
        return l.get(r.nextInt(l.size()));
    }

    private String pick(String[] a) {
        return a[r.nextInt(a.length)];
    }

    private long pick(long[] a) {
        return a[r.nextInt(a.length)];
    }

    private int pick(int[] a) {
        return a[r.nextInt(a.length)];
    }
}
