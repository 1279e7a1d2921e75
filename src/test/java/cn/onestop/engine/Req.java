package cn.onestop.engine;

import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.AssistanceIdentity;
import cn.onestop.request.BillLine;
import cn.onestop.request.Category;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.FamilyPayer;
import cn.onestop.request.FamilyRelation;
import cn.onestop.request.Filing;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.Person;
import cn.onestop.request.PersonStatus;
import cn.onestop.request.SettlementRequest;
import cn.onestop.request.Visit;
import cn.onestop.request.VisitType;
import cn.onestop.rules.RuleBook;
import cn.onestop.rules.parse.RuleFiles;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** A readable way to write a settlement request in a test; defaults are a plain local case. */
final class Req {
    static final RuleBook BOOK = RuleFiles.loadBundled();

    String plan;
    LocalDate date = LocalDate.of(2025, 6, 1);
    PersonStatus status;
    boolean civilServant;
    boolean medicalCare;
    CrDisabled cr = CrDisabled.NONE;
    boolean arrears;
    final List<AssistanceIdentity> assistance = new ArrayList<>();
    LocalDate benefitStart;
    LocalDate birthDate;
    LocalDate enrolledOn;
    boolean student;
    long balance;
    FamilyPayer family;
    int level = 3;
    Grade grade = Grade.A;
    InstitutionKind kind = InstitutionKind.HOSPITAL;
    boolean tcm;
    boolean dualChannel;
    boolean outpatientPooling = true;
    VisitType type = VisitType.INPATIENT;
    Filing filing = Filing.LOCAL;
    boolean useAccount = true;
    int days;
    final Map<Accumulator, Long> ytd = new EnumMap<>(Accumulator.class);
    final List<BillLine> lines = new ArrayList<>();

    static Req employee() {
        Req r = new Req();
        r.plan = "NM-REGION-EMPLOYEE";
        r.status = PersonStatus.ACTIVE;
        return r;
    }

    static Req wuhai() {
        Req r = new Req();
        r.plan = "WUHAI-EMPLOYEE";
        r.status = PersonStatus.ACTIVE;
        r.type = VisitType.GENERAL_OUTPATIENT;
        return r;
    }

    static Req resident() {
        Req r = new Req();
        r.plan = "CHIFENG-RESIDENT";
        r.status = PersonStatus.RESIDENT;
        r.benefitStart = LocalDate.of(2025, 1, 1);
        return r;
    }

    Req on(String isoDate) {
        date = LocalDate.parse(isoDate);
        return this;
    }

    Req retired() {
        status = PersonStatus.RETIRED;
        return this;
    }

    Req status(PersonStatus s) {
        status = s;
        return this;
    }

    Req civilServant() {
        civilServant = true;
        return this;
    }

    Req medicalCare() {
        medicalCare = true;
        return this;
    }

    Req cr(CrDisabled c) {
        cr = c;
        return this;
    }

    Req arrears() {
        arrears = true;
        return this;
    }

    Req assistance(AssistanceCategory c, String from, String to) {
        assistance.add(new AssistanceIdentity(c, LocalDate.parse(from), to == null ? null : LocalDate.parse(to)));
        return this;
    }

    Req benefitStart(String d) {
        benefitStart = LocalDate.parse(d);
        return this;
    }

    Req newborn(String born, String enrolled) {
        birthDate = LocalDate.parse(born);
        enrolledOn = LocalDate.parse(enrolled);
        return this;
    }

    Req student() {
        student = true;
        return this;
    }

    Req balance(long b) {
        balance = b;
        return this;
    }

    Req family(FamilyRelation relation, long b) {
        family = new FamilyPayer(relation, b);
        return this;
    }

    Req at(int lvl, Grade g) {
        level = lvl;
        grade = g;
        return this;
    }

    Req kind(InstitutionKind k) {
        kind = k;
        return this;
    }

    Req tcm() {
        tcm = true;
        return this;
    }

    Req dualChannel() {
        dualChannel = true;
        return this;
    }

    Req notPooling() {
        outpatientPooling = false;
        return this;
    }

    Req visit(VisitType t) {
        type = t;
        return this;
    }

    Req filing(Filing f) {
        filing = f;
        return this;
    }

    Req noAccount() {
        useAccount = false;
        return this;
    }

    Req days(int d) {
        days = d;
        return this;
    }

    Req ytd(Accumulator a, long v) {
        ytd.put(a, v);
        return this;
    }

    Req line(Category c, long amount) {
        lines.add(BillLine.of("l" + lines.size(), c, amount, 1));
        return this;
    }

    Req line(Category c, long unitPrice, long qty) {
        lines.add(BillLine.of("l" + lines.size(), c, unitPrice, qty));
        return this;
    }

    Req consumable(long amount, int selfRatioBp) {
        lines.add(new BillLine("l" + lines.size(), Category.CONSUMABLE, amount, 1, selfRatioBp, false, false));
        return this;
    }

    Req limited(cn.onestop.request.Category c, long unitPrice, long qty, int selfRatioBp, long priceLimit) {
        lines.add(new BillLine("l" + lines.size(), c, unitPrice, qty, selfRatioBp, false, false, priceLimit));
        return this;
    }

    Req tcmDrug(long amount) {
        lines.add(new BillLine("l" + lines.size(), Category.A, amount, 1, BillLine.NO_RATIO, true, false));
        return this;
    }

    SettlementRequest build() {
        Person p = new Person(status, civilServant, medicalCare, cr, arrears, assistance, benefitStart, birthDate,
                enrolledOn, student, balance, family);
        return new SettlementRequest(plan, date, p, new Institution(level, grade, kind, tcm, dualChannel,
                outpatientPooling), new Visit(type, filing, useAccount, days), Accumulators.of(ytd), lines);
    }

    Outcome outcome() {
        return SplitEngine.split(build(), BOOK);
    }

    Settlement settle() {
        return assertInstanceOf(Outcome.Settled.class, outcome(), () -> "refused: " + outcome()).settlement();
    }

    SetlInfo amounts() {
        return settle().amounts();
    }

    Outcome.Refused refuse() {
        return assertInstanceOf(Outcome.Refused.class, outcome());
    }
}
