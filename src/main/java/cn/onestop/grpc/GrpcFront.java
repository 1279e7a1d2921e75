package cn.onestop.grpc;

import cn.onestop.catalog.CatalogCache;
import cn.onestop.enrolment.PersonDirectory;
import cn.onestop.rulestore.RuleCache;
import cn.onestop.rulestore.RuleStore;
import cn.onestop.settle.UseCases;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.grpc.BindableService;

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

    /**
     * @param defaultTimeout how long a call without a deadline of its own may take
     * @param zone where "today" is (the latest settle date accepted, the current year)
     */
    public static List<BindableService> services(UseCases useCases, Admin admin, Duration defaultTimeout, Clock clock,
                                                 ZoneId zone) {
        Calls calls = new Calls(defaultTimeout);
        return List.of(new SettlementGrpcService(useCases, calls, clock, zone),
                new RuleAdminGrpcService(admin.ruleStore(), admin.rules(), admin.catalogs(), admin.directory(),
                        admin.pool(), admin.executor(), calls),
                new EnrolmentGrpcService(admin.dataSource(), admin.rules(), calls, admin.directory()::invalidate));
    }

    /**
     * The clearing service over its use cases; its calls run on {@code executor}, apart from the
     * settlement workers.
     *
     * @param defaultTimeout how long a call without a deadline of its own may take
     */
    public static BindableService clearing(cn.onestop.clearing.ClearingUseCases clearing, Duration defaultTimeout,
                                           java.util.concurrent.Executor executor) {
        return new ClearingGrpcService(clearing, new Calls(defaultTimeout), executor);
    }
}
