package io.virtbench.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.core.UserException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BeaconTest {
    @Test
    void aStopEndsTheSendingAtOnce() {
        long t0 = System.nanoTime();
        Beacon.Sent s = Beacon.send("127.0.0.1", 9, 30, 0.1, () -> true);
        assertFalse(s.acknowledged());
        assertEquals(0, s.datagrams());
        assertTrue((System.nanoTime() - t0) / 1e9 < 2);
    }

    @Test
    void aStopDuringTheWaitIsNoticedWithinAnInterval() {
        AtomicInteger checks = new AtomicInteger();
        long t0 = System.nanoTime();
        Beacon.Sent s = Beacon.send("127.0.0.1", 9, 30, 0.1, () -> checks.incrementAndGet() > 3);
        assertFalse(s.acknowledged());
        assertEquals(3, s.datagrams());
        assertTrue((System.nanoTime() - t0) / 1e9 < 5);
    }

    @Test
    void addressesAreCheckedWithOneLine() {
        assertEquals(new Beacon.Address("::1", 5299), Beacon.Address.parse("[::1]:5299", "HOST:PORT"));
        assertEquals(UserException.USAGE, assertThrows(UserException.class, () -> Beacon.Address.parse("host", "HOST:PORT")).exitCode());
        assertThrows(UserException.class, () -> Beacon.Address.parse("host:0", "HOST:PORT"));
        assertThrows(UserException.class, () -> Beacon.send("127.0.0.1", 9, 0, 0.1));
    }

    @Test
    void thePayloadNamesTheGuestAndItsUptime() {
        String p = Beacon.payload(7);
        assertTrue(p.startsWith("virtbench-beacon seq=7"), p);
        Beacon.Received r = new Beacon.Received(0, "x", p);
        assertTrue(r.uptimeSeconds() > 0, p);
    }
}
