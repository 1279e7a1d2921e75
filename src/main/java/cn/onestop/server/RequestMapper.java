package cn.onestop.server;

import cn.onestop.api.v1.BillLine;
import cn.onestop.api.v1.Credential;
import cn.onestop.api.v1.ReverseRequest;
import cn.onestop.api.v1.SettleRequest;
import cn.onestop.catalog.CatalogItem;
import cn.onestop.catalog.ItemLine;
import cn.onestop.ledger.CredentialRef;
import cn.onestop.ledger.FamilyPayerRef;
import cn.onestop.ledger.ReverseCommand;
import cn.onestop.ledger.SettleCommand;
import cn.onestop.request.Category;
import cn.onestop.request.FamilyRelation;
import cn.onestop.kernel.FieldViolation;
import cn.onestop.request.Filing;
import cn.onestop.kernel.InvalidRequestException;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks an API request and turns it into a ledger command, collecting every field at fault
 * (by its path, e.g. {@code lines[2].qty}) so the clerk sees all problems at once.
 */
final class RequestMapper {
    private final LocalDate latestSettleDate;

    /** @param latestSettleDate the last settlement date accepted (today, with a day of slack) */
    RequestMapper(LocalDate latestSettleDate) {
        this.latestSettleDate = latestSettleDate;
    }

    SettleCommand settle(SettleRequest r, boolean requireMessageId) {
        List<FieldViolation> bad = new ArrayList<>();
        text(bad, "institution_code", r.getInstitutionCode(), 32, true);
        text(bad, "message_id", r.getMessageId(), 64, requireMessageId);
        CredentialRef credential = credential(bad, "credential", r.hasCredential() ? r.getCredential() : null);
        text(bad, "person_id", r.getPersonId(), 32, false);
        LocalDate date = date(bad, "settle_date", r.getSettleDate());
        if (date != null && date.isAfter(latestSettleDate)) {
            bad.add(new FieldViolation("settle_date", "is in the future: " + date));
        }
        Visit visit = null;
        if (!r.hasVisit()) {
            bad.add(new FieldViolation("visit", "is required"));
        } else {
            var v = r.getVisit();
            VisitType type = v.getType() == cn.onestop.api.v1.VisitType.VISIT_TYPE_UNSPECIFIED
                    || v.getType() == cn.onestop.api.v1.VisitType.UNRECOGNIZED ? null : VisitType.valueOf(v.getType().name());
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
            if (type != null && filing != null && v.getDays() >= 0) {
                visit = new Visit(type, filing, v.getUseAccount(), v.getDays());
            }
        }
        List<ItemLine> lines = lines(bad, r.getLinesList());
        FamilyPayerRef family = null;
        if (r.hasFamilyPayer()) {
            var f = r.getFamilyPayer();
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
            if (fc != null && relation != null) {
                family = new FamilyPayerRef(fc, relation);
            }
        }
        if (!bad.isEmpty()) {
            throw new InvalidRequestException(bad);
        }
        return new SettleCommand(r.getInstitutionCode(), r.getMessageId(), credential,
                r.getPersonId().isEmpty() ? null : r.getPersonId(), date, visit, lines, family, hash(r.toByteArray()));
    }

    ReverseCommand reverse(ReverseRequest r) {
        List<FieldViolation> bad = new ArrayList<>();
        text(bad, "institution_code", r.getInstitutionCode(), 32, true);
        text(bad, "message_id", r.getMessageId(), 64, true);
        String settlementId = null;
        String original = null;
        switch (r.getTargetCase()) {
            case SETTLEMENT_ID -> {
                settlementId = r.getSettlementId();
                text(bad, "settlement_id", settlementId, 40, true);
            }
            case ORIGINAL_MESSAGE_ID -> {
                original = r.getOriginalMessageId();
                text(bad, "original_message_id", original, 64, true);
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
                hash(r.toByteArray()));
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

    private static List<ItemLine> lines(List<FieldViolation> bad, List<BillLine> in) {
        if (in.isEmpty()) {
            bad.add(new FieldViolation("lines", "a bill has at least one line"));
            return List.of();
        }
        List<ItemLine> out = new ArrayList<>(in.size());
        Set<String> ids = new HashSet<>();
        long total = 0;
        boolean overflow = false;
        for (int i = 0; i < in.size(); i++) {
            BillLine l = in.get(i);
            String p = "lines[" + i + "]";
            int before = bad.size();
            text(bad, p + ".id", l.getId(), 64, true);
            if (!l.getId().isEmpty() && !ids.add(l.getId())) {
                bad.add(new FieldViolation(p + ".id", "repeats an earlier line's id " + l.getId()));
            }
            text(bad, p + ".item_code", l.getItemCode(), CatalogItem.MAX_CODE, false);
            boolean coded = !l.getItemCode().isBlank();
            Category category = switch (l.getCategory()) {
                case CATEGORY_UNSPECIFIED, UNRECOGNIZED -> null;
                default -> Category.valueOf(l.getCategory().name());
            };
            if (l.getCategory() == cn.onestop.api.v1.Category.UNRECOGNIZED) {
                bad.add(new FieldViolation(p + ".category", "unknown category"));
            } else if (category == null && !coded) {
                bad.add(new FieldViolation(p + ".category", "is required unless item_code is given "
                        + "(A, B, BLOOD, CONSUMABLE, BED, SELF, EXCLUDED)"));
            }
            int ratio = l.hasSelfRatioBp() ? l.getSelfRatioBp() : cn.onestop.request.BillLine.NO_RATIO;
            try {
                if (bad.size() == before) {
                    ItemLine line = new ItemLine(l.getId(), coded ? l.getItemCode() : null, category,
                            l.getUnitPrice(), l.getQty(), ratio, l.getTcmDrug(), l.getEmergency());
                    out.add(line);
                    if (!overflow) {
                        try {
                            total = Math.addExact(total, line.amount());
                        } catch (ArithmeticException e) {
                            overflow = true;
                            bad.add(new FieldViolation(p + ".unit_price", "the bill's total overflows int64"));
                        }
                    }
                }
            } catch (InvalidRequestException e) {
                for (FieldViolation v : e.violations()) {
                    bad.add(v.under(p));
                }
            }
        }
        return out;
    }

    private static LocalDate date(List<FieldViolation> bad, String path, String value) {
        if (value.isEmpty()) {
            bad.add(new FieldViolation(path, "is required (YYYY-MM-DD)"));
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            bad.add(new FieldViolation(path, "not a date (YYYY-MM-DD): " + value));
            return null;
        }
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

    static byte[] hash(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
