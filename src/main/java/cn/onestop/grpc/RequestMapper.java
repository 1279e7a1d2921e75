package cn.onestop.grpc;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.kernel.Canonical;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.Category;
import cn.onestop.request.FamilyRelation;
import cn.onestop.request.Filing;
import cn.onestop.request.ItemLine;
import cn.onestop.request.LineChecks;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.FamilyPayerRef;
import cn.onestop.settle.Limits;
import cn.onestop.settle.RequestDigest;
import cn.onestop.settle.ReverseCommand;
import cn.onestop.settle.SettleCommand;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates an API request into a use-case command. The records own their rules; this collects
 * every field at fault (by its path, e.g. {@code lines[2].qty}) — all of them, not the first per
 * line — so the clerk sees every problem at once.
 */
final class RequestMapper {
    private final Limits limits;
    private final LocalDate today;

    /**
     * @param limits the bounds of a bill, checked here too so that the clerk sees every fault at once
     * @param today the date of today where the gateway is (the latest settle date accepted is tomorrow)
     */
    RequestMapper(Limits limits, LocalDate today) {
        this.limits = limits;
        this.today = today;
    }

    SettleCommand settle(SettleRequest r, boolean requireMessageId) {
        List<FieldViolation> bad = new ArrayList<>();
        Canonical.checkInstitutionCode(bad, "institution_code", r.getInstitutionCode(), true);
        Canonical.checkMessageId(bad, "message_id", r.getMessageId(), requireMessageId);
        CredentialRef credential = credential(bad, "credential", r.hasCredential() ? r.getCredential() : null);
        text(bad, "person_id", r.getPersonId(), 32, false);
        LocalDate date = date(bad, "settle_date", r.getSettleDate());
        if (!r.hasVisit()) {
            bad.add(new FieldViolation("visit", "is required"));
        }
        Visit visit = r.hasVisit() ? visit(bad, r.getVisit()) : null;
        List<ItemLine> lines = lines(bad, r.getLinesList());
        FamilyPayerRef family = r.hasFamilyPayer() ? family(bad, r.getFamilyPayer()) : null;
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
        return new SettleCommand(r.getInstitutionCode(), r.getMessageId().isEmpty() ? null : r.getMessageId(),
                credential, r.getPersonId().isEmpty() ? null : r.getPersonId(), date, visit, lines, family,
                RequestDigest.sha256(r.toByteArray()));
    }

    private Visit visit(List<FieldViolation> bad, cn.onestop.api.v1.Visit v) {
        VisitType type = switch (v.getType()) {
            case VISIT_TYPE_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> VisitType.valueOf(v.getType().name());
        };
        if (type == null) {
            bad.add(new FieldViolation("visit.type", "is required (INPATIENT, GENERAL_OUTPATIENT, …)"));
        }
        Filing filing = switch (v.getFiling()) {
            case FILING_UNSPECIFIED, LOCAL -> Filing.LOCAL;
            case UNRECOGNIZED -> null;
            default -> Filing.valueOf(v.getFiling().name());
        };
        if (filing == null) {
            bad.add(new FieldViolation("visit.filing", "unknown filing"));
        }
        if (v.getDays() < 0) {
            bad.add(new FieldViolation("visit.days", "must not be negative, got " + v.getDays()));
        }
        limits.days(bad, v.getDays());
        return type == null || filing == null || v.getDays() < 0 ? null
                : new Visit(type, filing, v.getUseAccount(), v.getDays());
    }

    private static FamilyPayerRef family(List<FieldViolation> bad, cn.onestop.api.v1.FamilyPayer f) {
        CredentialRef fc = credential(bad, "family_payer.credential", f.hasCredential() ? f.getCredential() : null);
        FamilyRelation relation = switch (f.getRelation()) {
            case SPOUSE -> FamilyRelation.SPOUSE;
            case PARENT -> FamilyRelation.PARENT;
            case CHILD -> FamilyRelation.CHILD;
            default -> null;
        };
        if (relation == null) {
            bad.add(new FieldViolation("family_payer.relation", "is required: SPOUSE, PARENT or CHILD"));
        }
        return fc != null && relation != null ? new FamilyPayerRef(fc, relation) : null;
    }

    ReverseCommand reverse(ReverseRequest r) {
        List<FieldViolation> bad = new ArrayList<>();
        Canonical.checkInstitutionCode(bad, "institution_code", r.getInstitutionCode(), true);
        Canonical.checkMessageId(bad, "message_id", r.getMessageId(), true);
        String settlementId = null;
        String original = null;
        switch (r.getTargetCase()) {
            case SETTLEMENT_ID -> {
                settlementId = r.getSettlementId();
                Canonical.checkSettlementId(bad, "settlement_id", settlementId);
            }
            case ORIGINAL_MESSAGE_ID -> {
                original = r.getOriginalMessageId();
                Canonical.checkMessageId(bad, "original_message_id", original, true);
            }
            default -> bad.add(new FieldViolation("target", "name the settlement: settlement_id or original_message_id"));
        }
        if (r.getReason().length() > 500) {
            bad.add(new FieldViolation("reason", "is longer than 500 characters"));
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
        return new ReverseCommand(r.getInstitutionCode(), r.getMessageId(), settlementId, original, r.getReason(),
                RequestDigest.sha256(r.toByteArray()));
    }

    static CredentialRef credential(List<FieldViolation> bad, String path, Credential c) {
        if (c == null) {
            bad.add(new FieldViolation(path, "is required: the credential presented at the counter"));
            return null;
        }
        int type = c.getTypeValue();
        boolean ok = true;
        if (type < 1 || type > 3) {
            bad.add(new FieldViolation(path + ".type", "must be E_VOUCHER, ID_CARD or SOCIAL_SECURITY_CARD"));
            ok = false;
        }
        ok &= text(bad, path + ".value", c.getValue(), 128, true);
        return ok ? new CredentialRef(type, c.getValue()) : null;
    }

    /**
     * Every line as the domain's, every fault of every line, then the faults of the lines together. A
     * bill of more lines than the limit is refused as such, without a look at its lines.
     */
    private List<ItemLine> lines(List<FieldViolation> bad, List<BillLine> in) {
        if (in.size() > limits.maxLines()) {
            limits.lineCount(bad, in.size());
            return List.of();
        }
        List<ItemLine> out = new ArrayList<>(in.size());
        long total = 0;
        for (int i = 0; i < in.size(); i++) {
            BillLine l = in.get(i);
            String path = "lines[" + i + "]";
            out.add(line(bad, path, l));
            limits.line(bad, path, l.getUnitPrice(), l.getQty());
            if (l.getUnitPrice() >= 0 && l.getQty() > 0) {
                total = Limits.saturatingAdd(total, Limits.saturatingMultiply(l.getUnitPrice(), l.getQty()));
            }
        }
        bad.addAll(LineChecks.bill(out, true));
        limits.total(bad, total);
        return out;
    }

    /** One line, or null (its faults added) when it cannot be one. */
    private static ItemLine line(List<FieldViolation> bad, String path, BillLine l) {
        List<FieldViolation> own = new ArrayList<>(0);
        text(own, "id", l.getId(), 64, true);
        Category category = switch (l.getCategory()) {
            case CATEGORY_UNSPECIFIED, UNRECOGNIZED -> null;
            default -> Category.valueOf(l.getCategory().name());
        };
        if (l.getCategory() == cn.onestop.api.v1.Category.UNRECOGNIZED) {
            own.add(new FieldViolation("category", "unknown category"));
        }
        int ratio = l.hasSelfRatioBp() ? l.getSelfRatioBp() : cn.onestop.request.BillLine.NO_RATIO;
        try {
            ItemLine line = new ItemLine(l.getId(), l.getItemCode(), category, l.getUnitPrice(), l.getQty(), ratio,
                    l.getTcmDrug(), l.getEmergency());
            if (own.isEmpty()) {
                return line;
            }
        } catch (InvalidRequestException e) {
            for (FieldViolation v : e.violations()) {
                if (own.stream().noneMatch(o -> o.field().equals(v.field()))) {
                    own.add(v);
                }
            }
        }
        own.forEach(v -> bad.add(v.under(path)));
        return null;
    }

    /** A settle date: exactly YYYY-MM-DD, from the earliest date accepted to tomorrow. */
    private LocalDate date(List<FieldViolation> bad, String path, String value) {
        LocalDate d = Canonical.date(bad, path, value);
        if (d != null) {
            int before = bad.size();
            limits.date(bad, path, d, today);
            if (bad.size() > before) {
                return null;
            }
        }
        return d;
    }

    private static boolean text(List<FieldViolation> bad, String path, String value, int max, boolean required) {
        if (value.isEmpty()) {
            if (required) {
                bad.add(new FieldViolation(path, "is required"));
                return false;
            }
            return true;
        }
        if (value.length() > max) {
            bad.add(new FieldViolation(path, "is longer than " + max + " characters"));
            return false;
        }
        if (value.isBlank()) {
            bad.add(new FieldViolation(path, "is blank"));
            return false;
        }
        return true;
    }
}
