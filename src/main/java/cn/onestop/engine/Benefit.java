package cn.onestop.engine;

import cn.onestop.request.VisitType;
import cn.onestop.rules.RuleTable;

/** The pool benefit a visit type is paid under, if the plan's version has its section. */
enum Benefit {
    EMPLOYEE_INPATIENT {
        @Override
        void pay(Split s) {
            EmployeePool.inpatient(s);
        }
    },
    RESIDENT_INPATIENT {
        @Override
        void pay(Split s) {
            ResidentPool.inpatient(s);
            CriticalIllness.apply(s);
        }
    },
    EMERGENCY_OUTPATIENT {
        @Override
        void pay(Split s) {
            EmployeePool.emergencyOutpatient(s);
        }
    },
    GENERAL_OUTPATIENT {
        @Override
        void pay(Split s) {
            OutpatientPool.generalOutpatient(s);
        }
    },
    PHARMACY {
        @Override
        void pay(Split s) {
            OutpatientPool.pharmacy(s);
        }
    },
    OBSERVATION {
        @Override
        void pay(Split s) {
            ResidentPool.observation(s);
        }
    },
    INJURY {
        @Override
        void pay(Split s) {
            ResidentPool.injury(s);
        }
    };

    /** Runs the pool layers (and the layer riding on them) for this benefit. */
    abstract void pay(Split s);

    /** The benefit for {@code type} under {@code rules}, or null when the plan has no section for it. */
    static Benefit of(VisitType type, RuleTable.Sections rules) {
        return switch (type) {
            case INPATIENT, EMERGENCY_TO_INPATIENT -> rules.employeeInpatient() != null ? EMPLOYEE_INPATIENT
                    : rules.residentInpatient() != null ? RESIDENT_INPATIENT : null;
            case EMERGENCY_OUTPATIENT -> rules.emergencyOutpatient() != null ? EMERGENCY_OUTPATIENT : null;
            case GENERAL_OUTPATIENT -> rules.outpatientPooling() != null ? GENERAL_OUTPATIENT : null;
            case PHARMACY -> rules.pharmacy() != null ? PHARMACY : null;
            case OUTPATIENT_OBSERVATION -> rules.observation() != null ? OBSERVATION : null;
            case INJURY_OUTPATIENT -> rules.injury() != null ? INJURY : null;
        };
    }
}
