package io.virtbench.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.result.ResultFiles;
import io.virtbench.core.result.RunResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsTest {
    @Test
    void urlsLoseTheirPasswords() {
        assertEquals("jdbc:mysql://h:3306/db?user=u&password=*****&sslMode=DISABLED",
                Secrets.maskUrl("jdbc:mysql://h:3306/db?user=u&password=s3cr&sslMode=DISABLED"));
        assertEquals("jdbc:mysql://u:*****@h/db", Secrets.maskUrl("jdbc:mysql://u:pw@h/db"));
        assertEquals("jdbc:mysql://u@h/db?PASSWORD=*****", Secrets.maskUrl("jdbc:mysql://u@h/db?PASSWORD=x"));
        assertEquals("cannot connect to 'jdbc:mysql://h/db?password=*****' now",
                Secrets.maskUrl("cannot connect to 'jdbc:mysql://h/db?password=abc' now"));
        assertEquals("-H 'Authorization: Basic *****'", Secrets.maskUrl("-H 'Authorization: Basic dXNlcjpwdw=='"));
        assertEquals("http://h:8080/x?n=1", Secrets.maskUrl("http://h:8080/x?n=1"), "nothing else changes");
    }

    @Test
    void commandLinesLoseTheValuesOfPasswordOptions() {
        assertEquals(List.of("oltp", "run", "--mysql-password", "*****", "--db-password=*****", "--mysql-user", "u",
                        "--db-url", "jdbc:mysql://h/d?password=*****", "--time", "1"),
                Secrets.maskArgs(List.of("oltp", "run", "--mysql-password", "pw1", "--db-password=pw2", "--mysql-user", "u",
                        "--db-url", "jdbc:mysql://h/d?password=pw3", "--time", "1")));
        String line = "sysbench oltp_read_write --mysql-password=pw1 --db-password 'a b' --pass x --bypass y --passes 3";
        assertEquals("sysbench oltp_read_write --mysql-password=***** --db-password ***** --pass ***** --bypass y --passes 3",
                Secrets.mask(line));
        assertEquals("one ***** two", Secrets.mask("one hush two", "hush"));
        assertEquals("'--mysql-password=*****'", Secrets.mask("'--mysql-password=*****'"), "masking twice changes nothing");
        String once = Secrets.mask("cannot connect to jdbc:mysql://h/d?password=pw: refused");
        assertEquals("cannot connect to jdbc:mysql://h/d?password=*****: refused", Secrets.mask(once), "masking twice changes nothing");
    }

    @Test
    void aResultStoresNoPassword() {
        RunResult r = RunResult.builder("oltp").start(Instant.now())
                .parameter("mysql-password", "pw-77").parameter("db", "jdbc:mysql://h/d?password=pw-78")
                .parameter("mysql-user", "u")
                .nativeCommand("sysbench --mysql-password=pw-79 oltp_read_write run")
                .message("cannot connect to jdbc:mysql://u:pw-80@h/d").build();
        String json = ResultFiles.toJson(r);
        for (String pw : List.of("pw-77", "pw-78", "pw-79", "pw-80")) {
            assertFalse(json.contains(pw), pw + " in " + json);
        }
        assertEquals(Map.of("mysql-password", "*****", "db", "jdbc:mysql://h/d?password=*****", "mysql-user", "u"), r.parameters());
        assertTrue(r.nativeCommand().contains("--mysql-password=*****"), r.nativeCommand());
    }
}
