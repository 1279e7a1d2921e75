package cn.onestop.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The structure, as rules the build enforces: a pure core, one use-case layer, the wire format at
 * the edge, no package cycles.
 */
class DependencyRulesTest {
    static JavaClasses main;

    @BeforeAll
    static void load() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.onestop");
    }

    @Test
    void theEngineTheRequestRecordsAndTheRuleTablesAreFreeOfIoAndFrameworks() {
        ArchRule rule = noClasses().that().resideInAnyPackage("cn.onestop.engine..", "cn.onestop.request..",
                        "cn.onestop.rules", "cn.onestop.centre..", "cn.onestop.sharing..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.grpc..",
                        "com.google.protobuf..", "com.github.benmanes.caffeine..", "com.fasterxml.jackson..",
                        "cn.onestop.api..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.time.Clock")
                .because("the split, the clearing codes and the year-end sharing are pure functions of records: no "
                        + "database, transport, cache, parser or clock");
        rule.check(main);
    }

    @Test
    void generatedApiClassesAreSeenOnlyByTheTransport() {
        ArchRule rule = classes().that().resideInAPackage("cn.onestop.api..")
                .should().onlyBeAccessed().byClassesThat().resideInAnyPackage("cn.onestop.api..",
                        "cn.onestop.grpc..", "cn.onestop.cli..", "cn.onestop.db.migration..")
                .because("the gRPC front and its client map the wire format; the V4 migration reads rows that "
                        + "version 0.1 stored in it");
        rule.check(main);
    }

    @Test
    void theUseCasesDependOnPortsNotOnTheirImplementations() {
        ArchRule rule = noClasses().that().resideInAPackage("cn.onestop.settle..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.onestop.grpc..", "cn.onestop.gateway..",
                        "cn.onestop.ledger..", "cn.onestop.enrolment..", "cn.onestop.catalog..", "cn.onestop.db..",
                        "cn.onestop.cli..", "java.sql..", "javax.sql..", "io.grpc..", "com.zaxxer..")
                .because("fronts and stores plug into the use cases, never the other way round");
        rule.check(main);
    }

    @Test
    void theNationalFlowsUseCasesDependOnPortsNotOnTheirImplementations() {
        ArchRule rule = noClasses().that().resideInAPackage("cn.onestop.visits..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.onestop.national..", "cn.onestop.grpc..",
                        "cn.onestop.gateway..", "cn.onestop.visitstore..", "cn.onestop.ledger..",
                        "cn.onestop.enrolment..", "cn.onestop.db..", "java.sql..", "javax.sql..", "io.javalin..",
                        "org.eclipse.jetty..", "com.fasterxml.jackson..")
                .because("the visits of the national flow are use cases: the JSON front and the store plug into them");
        rule.check(main);
    }

    @Test
    void theClearingUseCasesDependOnPortsNotOnTheirImplementations() {
        ArchRule rule = noClasses().that().resideInAPackage("cn.onestop.clearing..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.onestop.grpc..", "cn.onestop.gateway..",
                        "cn.onestop.ledger..", "cn.onestop.enrolment..", "cn.onestop.catalog..", "cn.onestop.db..",
                        "cn.onestop.cli..", "cn.onestop.clearingstore..", "cn.onestop.settle..", "java.sql..",
                        "javax.sql..", "io.grpc..", "com.zaxxer..", "com.fasterxml.jackson..")
                .because("the clearing side reads the ledger and keeps its records through its own ports");
        rule.check(main);
    }

    @Test
    void theNationalFrontIsAThinMapperOverTheUseCases() {
        ArchRule rule = noClasses().that().resideInAPackage("cn.onestop.national..")
                .should().dependOnClassesThat().resideInAnyPackage("cn.onestop.visitstore..", "cn.onestop.ledger..",
                        "cn.onestop.enrolment..", "cn.onestop.rulestore..", "cn.onestop.catalog..",
                        "cn.onestop.grpc..", "cn.onestop.api..", "cn.onestop.gateway..", "cn.onestop.clearingstore..",
                        "javax.sql..")
                .because("the national JSON interface maps the envelope onto the same use cases as the gRPC API; "
                        + "it reads and writes nothing itself");
        rule.check(main);
    }

    @Test
    void theClearingStoreImplementsPortsAndKnowsNoFront() {
        noClasses().that().resideInAPackage("cn.onestop.clearingstore..").should().dependOnClassesThat()
                .resideInAnyPackage("cn.onestop.grpc..", "cn.onestop.gateway..", "cn.onestop.cli..",
                        "cn.onestop.settle..", "io.grpc..")
                .because("a store implements the clearing ports over JDBC, nothing more").check(main);
    }

    @Test
    void theUseCasesKnowNoMetricsLogBackendOrHttpServer() {
        noClasses().that().resideInAPackage("cn.onestop.settle..").should().dependOnClassesThat()
                .resideInAnyPackage("io.micrometer..", "cn.onestop.metrics..", "cn.onestop.http..", "io.javalin..",
                        "org.eclipse.jetty..", "ch.qos.logback..")
                .because("the use cases are observed through a port of their own (SettlementEvents), implemented "
                        + "by the metrics and wired at the composition root").check(main);
    }

    @Test
    void onlyTheMetricsPackageSpeaksMicrometer() {
        noClasses().that().resideOutsideOfPackage("cn.onestop.metrics..").should().dependOnClassesThat()
                .resideInAPackage("io.micrometer..")
                .because("meters are named, tagged and bound in one place; everything else tells it through ports")
                .check(main);
    }

    @Test
    void theHttpServerPlumbingIsFrontNeutral() {
        noClasses().that().resideInAPackage("cn.onestop.http..").should().dependOnClassesThat()
                .resideInAnyPackage("cn.onestop.grpc..", "cn.onestop.api..", "cn.onestop.settle..", "cn.onestop.ledger..",
                        "cn.onestop.metrics..", "cn.onestop.gateway..", "cn.onestop.db..", "io.grpc..")
                .because("TLS from the gateway's PEM files, identities and request ids serve every HTTP front "
                        + "(the metrics endpoint, the national JSON front), which plug into it").check(main);
    }

    @Test
    void theMetricsKnowNoFrontNorTheCompositionRoot() {
        noClasses().that().resideInAPackage("cn.onestop.metrics..").should().dependOnClassesThat()
                .resideInAnyPackage("cn.onestop.grpc..", "cn.onestop.api..", "cn.onestop.gateway..", "cn.onestop.http..",
                        "cn.onestop.ledger..", "cn.onestop.cli..")
                .because("the gateway hands the meters what they count").check(main);
    }

    @Test
    void onlyTheCommandLineChoosesTheLogBackend() {
        noClasses().that().resideOutsideOfPackage("cn.onestop.cli..").should().dependOnClassesThat()
                .resideInAPackage("ch.qos.logback..")
                .because("the code logs through slf4j; the command line picks the log's form (log.format)").check(main);
    }

    @Test
    void theKernelDependsOnNothingOfTheProject() {
        noClasses().that().resideInAPackage("cn.onestop.kernel..").should().dependOnClassesThat()
                .resideOutsideOfPackages("cn.onestop.kernel..", "java..")
                .because("results, refusals, deadlines and audit events are shared by every package").check(main);
    }

    @Test
    void noPackageDependsOnItselfThroughOthers() {
        slices().matching("cn.onestop.(**)").should().beFreeOfCycles().check(main);
    }
}
