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
import io.grpc.ServerServiceDefinition;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
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

    /** The interceptor every service runs behind: it reads what a call presents. */
    public static ServerInterceptor identity() {
        return new IdentityInterceptor();
    }

    /**
     * The interceptor outside {@link #identity()}: each call's request id (the caller's {@code
     * x-request-id} or a new one, returned in the response headers and trailers) and its one log line
     * when it ends; {@code outcomes} hears how every call ended.
     */
    public static ServerInterceptor callLog(java.util.function.Consumer<CallOutcome> outcomes) {
        return new CallLog(outcomes);
    }

    /**
     * @param defaultTimeout how long a call without a deadline of its own may take
     * @param zone where "today" is (the latest settle date accepted, the current year)
     */
    public static List<ServerServiceDefinition> services(UseCases useCases, Admin admin, Security security,
                                                         Duration defaultTimeout, Clock clock, ZoneId zone) {
        Calls calls = new Calls(defaultTimeout, admin.executor(), security.authenticator(), security.failures());
        List<BindableService> services = List.of(new SettlementGrpcService(useCases, calls, clock, zone),
                new RuleAdminGrpcService(admin.ruleStore(), admin.rules(), admin.catalogs(), admin.directory(),
                        admin.pool(), admin.executor(), calls),
                new EnrolmentGrpcService(admin.dataSource(), admin.rules(), calls, admin.directory()::invalidate));
        // bytes that are not the method's request are INVALID_ARGUMENT, not UNKNOWN (see StrictRequests)
        return services.stream().map(s -> StrictRequests.guard(s.bindService())).toList();
    }
}
