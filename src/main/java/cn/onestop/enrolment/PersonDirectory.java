package cn.onestop.enrolment;

import cn.onestop.centre.AdminDivision;
import cn.onestop.db.Transactions;
import cn.onestop.request.Accumulator;
import cn.onestop.request.Accumulators;
import cn.onestop.request.AssistanceCategory;
import cn.onestop.request.AssistanceIdentity;
import cn.onestop.request.CrDisabled;
import cn.onestop.request.Grade;
import cn.onestop.request.Institution;
import cn.onestop.request.InstitutionKind;
import cn.onestop.request.PersonStatus;
import cn.onestop.settle.CredentialRef;
import cn.onestop.settle.Directory;
import cn.onestop.settle.EnrolledPerson;
import cn.onestop.settle.RegisteredInstitution;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The persons, credentials and institutions tables as settlement reads them. Enrolment owns these
 * tables: its imports write them, and this reads them. Institutions are cached (a few thousand rows,
 * read by every settlement); the cache is dropped when an import on this node changes an institution,
 * and when the enrolment generation moves (an import on another node), which is polled. Persons are
 * never cached: a settlement reads its person in the same statement as the credential.
 */
public final class PersonDirectory implements Directory, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PersonDirectory.class);

    private static final String PERSON_COLUMNS = "p.person_id, p.name, p.plan, p.status, p.civil_servant, "
            + "p.medical_care, p.cr_disabled, p.arrears, p.benefit_start, p.birth_date, p.enrolled_on, p.student, "
            + "a.category, a.valid_from, a.valid_to, p.insuplc_admdvs";
    /** How many columns {@link #PERSON_COLUMNS} names: what a query selects after them starts one further. */
    private static final int PERSON_COLUMN_COUNT = 16;

    /** The accumulator columns, prefixed for the join of {@link #holdingWithState}. */
    private static final String STATE_COLUMNS;

    static {
        java.util.StringJoiner j = new java.util.StringJoiner(", ");
        for (Accumulator a : Accumulator.values()) {
            j.add("COALESCE(y." + a.key() + ", 0)");
        }
        STATE_COLUMNS = j.toString();
    }

    private final Transactions tx;
    private final Cache<String, RegisteredInstitution> institutions = Caffeine.newBuilder()
            .maximumSize(20_000).expireAfterWrite(Duration.ofMinutes(10)).recordStats().build();
    private final ScheduledExecutorService poller;
    private volatile long generation = -1;

    /** @param pollEvery how often to look for imports made on other nodes; null: never */
    public PersonDirectory(DataSource dataSource, Duration pollEvery) {
        this.tx = new Transactions(dataSource);
        if (pollEvery == null) {
            poller = null;
            return;
        }
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "enrolment-poller");
            t.setDaemon(true);
            return t;
        });
        long ms = pollEvery.toMillis();
        poller.scheduleWithFixedDelay(this::refreshQuietly, 0, ms, TimeUnit.MILLISECONDS);
    }

    /** Drops every cached institution if the enrolment generation moved; returns whether it did. */
    public boolean refresh() {
        long g = tx.read(EnrolmentGeneration::read);
        if (g == generation) {
            return false;
        }
        generation = g;
        invalidate();
        return true;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("enrolment generation poll failed: {}", e.toString());
        }
    }

    /** Drops the cached institutions (an import changed one). */
    public void invalidate() {
        institutions.invalidateAll();
    }

    /** The institutions' cache, for its meters (it records its statistics). */
    public Cache<?, ?> institutionCache() {
        return institutions;
    }

    public CacheStats institutionCacheStats() {
        return institutions.stats();
    }

    public long institutionCacheSize() {
        return institutions.estimatedSize();
    }

    @Override
    public Optional<RegisteredInstitution> institution(String code) {
        RegisteredInstitution hit = institutions.getIfPresent(code);
        if (hit != null) {
            return Optional.of(hit);
        }
        Optional<RegisteredInstitution> found = tx.read(c -> loadInstitution(c, code));
        found.ifPresent(i -> institutions.put(code, i));
        return found;
    }

    private static Optional<RegisteredInstitution> loadInstitution(Connection c, String code) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT level, grade, kind, tcm, dual_channel, "
                + "outpatient_pooling, region FROM institutions WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RegisteredInstitution(code, new Institution(rs.getInt(1),
                        Grade.valueOf(rs.getString(2)), InstitutionKind.valueOf(rs.getString(3)), rs.getBoolean(4),
                        rs.getBoolean(5), rs.getBoolean(6)), rs.getString(7)));
            }
        }
    }

    /** Every registered institution, by code. */
    public List<RegisteredInstitution> institutions() {
        return tx.read(c -> {
            List<RegisteredInstitution> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT code FROM institutions ORDER BY code");
                 ResultSet rs = ps.executeQuery()) {
                List<String> codes = new ArrayList<>();
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
                for (String code : codes) {
                    loadInstitution(c, code).ifPresent(out::add);
                }
            }
            return out;
        });
    }

    @Override
    public Optional<EnrolledPerson> holding(CredentialRef credential) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM credentials k "
                    + "JOIN persons p ON p.person_id = k.person_id "
                    + "LEFT JOIN assistance_identities a ON a.person_id = p.person_id "
                    + "WHERE k.cert_type = ? AND k.cert_value = ? ORDER BY a.valid_from, a.category")) {
                ps.setInt(1, credential.type());
                ps.setString(2, credential.value());
                return person(ps, List.of());
            }
        });
    }

    /** Reads the ledger's accumulator and account rows beside the person, for a pre-settlement only. */
    @Override
    public Optional<Holder> holdingWithState(CredentialRef credential, int year) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + ", COALESCE(b.balance, 0), "
                    + STATE_COLUMNS + " FROM credentials k JOIN persons p ON p.person_id = k.person_id "
                    + "LEFT JOIN assistance_identities a ON a.person_id = p.person_id "
                    + "LEFT JOIN accounts b ON b.person_id = p.person_id "
                    + "LEFT JOIN accumulators y ON y.person_id = p.person_id AND y.plan = p.plan AND y.year = ? "
                    + "WHERE k.cert_type = ? AND k.cert_value = ? ORDER BY a.valid_from, a.category")) {
                ps.setInt(1, year);
                ps.setInt(2, credential.type());
                ps.setString(3, credential.value());
                long[] state = new long[Accumulator.count() + 1];
                Optional<EnrolledPerson> person = person(ps, List.of(), rs -> {
                    state[0] = rs.getLong(PERSON_COLUMN_COUNT + 1);
                    for (int i = 0; i < Accumulator.count(); i++) {
                        state[i + 1] = rs.getLong(PERSON_COLUMN_COUNT + 2 + i);
                    }
                });
                return person.map(p -> new Holder(p, Accumulators.of(java.util.Arrays.copyOfRange(state, 1,
                        state.length)), state[0]));
            }
        });
    }

    @Override
    public Optional<String> personIdHolding(CredentialRef credential) {
        return tx.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT person_id FROM credentials WHERE cert_type = ? AND cert_value = ?")) {
                ps.setInt(1, credential.type());
                ps.setString(2, credential.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<EnrolledPerson> person(String personId) {
        return tx.read(c -> {
            List<CredentialRef> credentials = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT cert_type, cert_value FROM credentials "
                    + "WHERE person_id = ? ORDER BY cert_type, cert_value")) {
                ps.setString(1, personId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        credentials.add(new CredentialRef(rs.getInt(1), rs.getString(2)));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT " + PERSON_COLUMNS + " FROM persons p "
                    + "LEFT JOIN assistance_identities a ON a.person_id = p.person_id "
                    + "WHERE p.person_id = ? ORDER BY a.valid_from, a.category")) {
                ps.setString(1, personId);
                return person(ps, credentials);
            }
        });
    }

    /** More columns of the first row than the person's. */
    private interface Extra {
        void read(ResultSet rs) throws SQLException;
    }

    private static Optional<EnrolledPerson> person(PreparedStatement ps, List<CredentialRef> credentials)
            throws SQLException {
        return person(ps, credentials, rs -> { });
    }

    /** One row per assistance identity (or one row with nulls): the person, then the identities. */
    private static Optional<EnrolledPerson> person(PreparedStatement ps, List<CredentialRef> credentials, Extra extra)
            throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            extra.read(rs);
            String personId = rs.getString(1);
            String name = rs.getString(2);
            String plan = rs.getString(3);
            PersonStatus status = PersonStatus.valueOf(rs.getString(4));
            boolean civilServant = rs.getBoolean(5);
            boolean medicalCare = rs.getBoolean(6);
            CrDisabled cr = CrDisabled.valueOf(rs.getString(7));
            boolean arrears = rs.getBoolean(8);
            LocalDate benefitStart = date(rs, 9);
            LocalDate birth = date(rs, 10);
            LocalDate enrolled = date(rs, 11);
            boolean student = rs.getBoolean(12);
            AdminDivision region = new AdminDivision(rs.getString(16));
            List<AssistanceIdentity> assistance = new ArrayList<>(1);
            do {
                if (rs.getString(13) != null) {
                    assistance.add(new AssistanceIdentity(AssistanceCategory.valueOf(rs.getString(13)), date(rs, 14),
                            date(rs, 15)));
                }
            } while (rs.next());
            return Optional.of(new EnrolledPerson(personId, name, plan, status, civilServant, medicalCare, cr, arrears,
                    benefitStart, birth, enrolled, student, assistance, credentials, region));
        }
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        Date d = rs.getDate(i);
        return d == null ? null : d.toLocalDate();
    }

    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }
}
