package cn.onestop.gateway;

import cn.onestop.api.v1.EnrolmentAdminServiceGrpc;
import cn.onestop.api.v1.ImportReport;
import cn.onestop.api.v1.ImportRequest;
import cn.onestop.api.v1.PersonInfo;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Enrolment over the admin API: the CSV import, all or nothing, and the persons it makes settleable. */
class EnrolmentServiceTest {
    static final String HEADER = "person_id,name,plan,status,civil_servant,medical_care,cr_disabled,arrears,"
            + "benefit_start,birth_date,enrolled_on,student,e_voucher,id_card,social_security_card,account_balance,"
            + "assistance,opening_year,opening_accumulators\n";

    @Test
    void personsImportedOverGrpcCanBeLookedUpAndABadFileWritesNothing() throws Exception {
        try (GatewayFixture f = new GatewayFixture("enrolment_grpc")) {
            var admin = EnrolmentAdminServiceGrpc.newBlockingStub(f.channel).withCallCredentials(
                    f.credentials(GatewayFixture.ADMIN));
            ImportReport bad = admin.importPersons(ImportRequest.newBuilder().setSource("bad.csv").setCsv(HEADER
                    + "P900,王五,NM-REGION-EMPLOYEE,ACTIVE,false,false,NONE,false,,,,false,EVP900,,,1000,,,\n"
                    + "P901,赵六,NM-REGION-EMPLOYEE,RESIDENT,false,false,NONE,false,,,,false,EVP901,,,-5,,,\n").build());
            assertFalse(bad.getApplied());
            assertEquals(3, bad.getErrors(0).getLine());
            assertTrue(bad.getErrorsList().stream().anyMatch(e -> e.getField().equals("account_balance")), bad.toString());
            assertEquals(0, f.count("persons"));

            ImportReport good = admin.importPersons(ImportRequest.newBuilder().setSource("good.csv").setCsv(HEADER
                    + "P900,王五,NM-REGION-EMPLOYEE,RETIRED,true,false,NONE,false,,,,false,EV-P900,,,125000,,2025,"
                    + "admissions=1;pool_paid=2700000\n").build());
            assertTrue(good.getApplied(), good.toString());
            assertEquals(1, good.getInserted());
            PersonInfo p = f.person("P900", 2025);
            assertEquals("RETIRED", p.getStatus());
            assertTrue(p.getCivilServant());
            assertEquals(125_000, p.getAccountBalance());
            assertEquals(2_700_000, p.getAccumulatorsOrThrow("pool_paid"));

            ImportReport again = admin.importPersons(ImportRequest.newBuilder().setSource("good.csv").setCsv(HEADER
                    + "P900,王五,NM-REGION-EMPLOYEE,RETIRED,true,false,NONE,false,,,,false,EV-P900,,,125000,,2025,"
                    + "admissions=1;pool_paid=2700000\n").build());
            assertEquals(1, again.getUnchanged());
        }
    }
}
