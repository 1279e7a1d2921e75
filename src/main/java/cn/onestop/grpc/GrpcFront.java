package cn.onestop.grpc;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.clearing.ClearingUseCases;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
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
        return services(useCases, admin, security, defaultTimeout, clock, zone, false);
    }

    /**
     * As {@link #services(UseCases, Admin, Security, Duration, Clock, ZoneId)}, with the benchmark
     * echo service ({@code onestop.v1.EchoService}) when {@code echo} is true.
     */
    public static List<ServerServiceDefinition> services(UseCases useCases, Admin admin, Security security,
                                                         Duration defaultTimeout, Clock clock, ZoneId zone,
                                                         boolean echo) {
        Calls calls = new Calls(defaultTimeout, admin.executor(), security.authenticator(), security.failures());
        List<BindableService> services = new ArrayList<>(List.of(new SettlementGrpcService(useCases, calls, clock,
                zone), new RuleAdminGrpcService(admin.ruleStore(), admin.rules(), admin.catalogs(), admin.directory(),
                        admin.pool(), admin.executor(), useCases::batchStats, calls),
                new EnrolmentGrpcService(admin.dataSource(), admin.rules(), calls, admin.directory()::invalidate)));
        if (echo) {
            services.add(new EchoGrpcService(calls));
        }
        // bytes that are not the method's request are INVALID_ARGUMENT, not UNKNOWN (see StrictRequests)
        return services.stream().map(s -> StrictRequests.guard(s.bindService())).toList();
    }

    /**
     * The clearing service over its use cases; its calls run on {@code executor}, apart from the
     * settlement workers.
     *
     * @param defaultTimeout how long a call without a deadline of its own may take
     */
    public static ServerServiceDefinition clearing(ClearingUseCases clearing, Security security,
                                                   Duration defaultTimeout, Executor executor) {
        Calls calls = new Calls(defaultTimeout, executor, security.authenticator(), security.failures());
        return StrictRequests.guard(new ClearingGrpcService(clearing, calls).bindService());
    }
}
