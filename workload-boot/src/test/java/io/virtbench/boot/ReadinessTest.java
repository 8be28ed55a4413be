package io.virtbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    @Test
    void parsesEveryKind() {
        assertEquals(Readiness.Kind.EXIT, Readiness.parse("exit").kind());
        Readiness tcp = Readiness.parse("tcp:192.168.1.81:22");
        assertEquals("192.168.1.81", tcp.host());
        assertEquals(22, tcp.port());
        Readiness v6 = Readiness.parse("tcp:[::1]:8080");
        assertEquals("::1", v6.host());
        assertEquals("tcp:[::1]:8080", v6.toString());
        assertEquals("vm1.local", Readiness.parse("ping:vm1.local").host());
        Readiness b = Readiness.parse("beacon:5299");
        assertNull(b.host());
        assertEquals(5299, b.port());
        assertEquals("127.0.0.1", Readiness.parse("beacon:127.0.0.1:5299").host());
        assertEquals("beacon", b.testName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "boot", "tcp:host", "tcp:host:0", "tcp:host:70000", "tcp:host:x", "ping:", "beacon:",
            "exit:now", "beacon:host:99999"})
    void rejectsWithAUsageErrorNamingTheOption(String spec) {
        UserException e = assertThrows(UserException.class, () -> Readiness.parse(spec));
        assertEquals(UserException.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("--ready"), e.getMessage());
    }
}
