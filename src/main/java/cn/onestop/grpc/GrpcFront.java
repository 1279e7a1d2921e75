package cn.onestop.grpc;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.identity.AuthFailures;
import cn.onestop.identity.Authenticator;
import cn.onestop.rulestore.RuleCache;
import cn.onestop.rulestore.RuleStore;
import cn.onestop.settle.UseCases;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;

/** The gRPC front: the API's services, each a thin mapper over the use cases. */
public final class GrpcFront {
    private GrpcFront() {
    }

    /**
     * What the administrators' services need besides the use cases.
     *
     * @param pool the database pool's statistics, or null
     */
    public record Admin(DataSource dataSource, RuleStore ruleStore, RuleCache rules, CatalogCache catalogs,
                        PersonDirectory directory, HikariPoolMXBean pool, ThreadPoolExecutor executor) {
    }

    /** Who callers are: the authenticator and where refused authentications are recorded. */
    public record Security(Authenticator authenticator, AuthFailures failures) {
    }

    /** The interceptor every service runs behind: it reads what a call presents and its request id. */
    public static ServerInterceptor identity() {
        return new IdentityInterceptor();
    }

    /**
     * @param defaultTimeout how long a call without a deadline of its own may take
     * @param zone where "today" is (the latest settle date accepted, the current year)
     */
    public static List<BindableService> services(UseCases useCases, Admin admin, Security security,
                                                 Duration defaultTimeout, Clock clock, ZoneId zone) {
        return services(useCases, admin, security, defaultTimeout, clock, zone, false);
    }

    /**
     * As {@link #services(UseCases, Admin, Security, Duration, Clock, ZoneId)}, with the benchmark
     * echo service ({@code onestop.v1.EchoService}) when {@code echo} is true.
     */
    public static List<BindableService> services(UseCases useCases, Admin admin, Security security,
                                                 Duration defaultTimeout, Clock clock, ZoneId zone, boolean echo) {
        Calls calls = new Calls(defaultTimeout, admin.executor(), security.authenticator(), security.failures());
        List<BindableService> out = new ArrayList<>(List.of(new SettlementGrpcService(useCases, calls, clock, zone),
                new RuleAdminGrpcService(admin.ruleStore(), admin.rules(), admin.catalogs(), admin.directory(),
                        admin.pool(), admin.executor(), useCases::batchStats, calls),
                new EnrolmentGrpcService(admin.dataSource(), admin.rules(), calls, admin.directory()::invalidate)));
        if (echo) {
            out.add(new EchoGrpcService(calls));
        }
        return List.copyOf(out);
    }
}
