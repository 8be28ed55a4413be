package io.virtbench.oltp;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.oltp.db.PsMode;
import io.virtbench.oltp.driver.DriverStatement;
import io.virtbench.oltp.script.OltpSql;
import java.sql.Connection;
import java.sql.DriverManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@link OltpStatementsTest} case again over Connector/J's public API
 * ({@code -Dvirtbench.oltp.jdbc=true}), the path that holds if a driver upgrade breaks the direct
 * one; and a check that without the property the direct path is really taken, so that a driver
 * upgrade that stops it fails here instead of silently making every OLTP figure slower.
 */
class OltpStatementsJdbcPathTest extends OltpStatementsTest {
    @BeforeAll
    static void overPublicJdbc() {
        System.setProperty(DriverStatement.JDBC_PROPERTY, "true");
    }

    @AfterAll
    static void back() {
        System.clearProperty(DriverStatement.JDBC_PROPERTY);
    }

    @Test
    void thePropertyChoosesPublicJdbcAndConnectorJTakesTheDirectPathWithoutIt() throws Exception {
        for (PsMode mode : PsMode.values()) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(mode), db.properties())) {
                assertFalse(DriverStatement.prepare(c, OltpSql.BEGIN).direct(), "property set: plain JDBC");
                System.clearProperty(DriverStatement.JDBC_PROPERTY);
                try {
                    assertTrue(DriverStatement.prepare(c, OltpSql.BEGIN).direct(),
                            "Connector/J " + c.getMetaData().getDriverVersion()
                                    + " no longer takes the direct path (its internal protocol classes changed?), ps-mode " + mode);
                } finally {
                    System.setProperty(DriverStatement.JDBC_PROPERTY, "true");
                }
            }
        }
    }
}
