package io.virtbench.net.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.virtbench.core.UserException;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void adaptiveUnitsAsIperf3PrintsThem() {
        // figures from the study's metal bandwidth log and an iperf3 3.12 run on this machine
        assertEquals("1.10 GByte", Units.unit(1180366168, 'A'));
        assertEquals(" 944 Mbit", Units.unit(944280281.044234 / 8, 'a'));
        assertEquals(" 128 KByte", Units.unit(131072, 'A'));
        assertEquals("96.0 KByte", Units.unit(98304, 'A'));
        assertEquals("1.05 Mbit", Units.unit(1048576 / 8.0, 'a'));
        assertEquals("0.00 Byte", Units.unit(0, 'A'));
        assertEquals("0.00 bit", Units.unit(0, 'a'));
        assertEquals("1023 KByte", Units.unit(1023 * 1024 + 100, 'A'));
        assertEquals(" 944 Mbit", Units.unit(944e6 / 8, 'm'));
        assertEquals("0.94 Gbit", Units.unit(944e6 / 8, 'g'));
        assertEquals(" 113 MByte", Units.unit(118e6, 'M'));
    }

    @Test
    void sizesAreBinaryAndRatesDecimal() {
        assertEquals(131072, Units.parseBinary("-l", "128K"));
        assertEquals(1048576, Units.parseBinary("-l", "1M"));
        assertEquals(1460, Units.parseBinary("-l", "1460"));
        assertEquals(1e9, Units.parseRate("-b", "1G"));
        assertEquals(1.5e6, Units.parseRate("-b", "1.5M"));
        assertEquals(new Units.Bitrate(100_000_000, 10), Units.bitrate("-b", "100M/10"));
        assertEquals(new Units.Bitrate(-1, 0), Units.bitrate("-b", null));
        assertEquals(new Units.Bitrate(0, 0), Units.bitrate("-b", "0"));
    }

    @Test
    void badNumbersNameTheOption() {
        UserException e = assertThrows(UserException.class, () -> Units.parseRate("-b", "10Q"));
        assertEquals(UserException.USAGE, e.exitCode());
        assertEquals(true, e.getMessage().contains("-b"));
        assertThrows(UserException.class, () -> Units.bitrate("-b", "1M/0"));
        assertThrows(UserException.class, () -> Units.bitrate("-b", "1M/1001"));
        assertThrows(UserException.class, () -> Units.format("-f", "x"));
    }
}
