package io.virtbench.core.sysbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.virtbench.core.UserException;
import org.junit.jupiter.api.Test;

class SizesTest {
    @Test
    void parsesBinarySuffixesCaseInsensitively() {
        assertEquals(16384, Sizes.parse("--file-block-size", "16K"));
        assertEquals(16384, Sizes.parse("--file-block-size", "16k"));
        assertEquals(5L << 30, Sizes.parse("--file-total-size", "5G"));
        assertEquals(2048, Sizes.parse("--x", "2048"));
        assertEquals(1L << 40, Sizes.parse("--x", "1T"));
    }

    @Test
    void rejectsGarbageNamingTheOption() {
        UserException e = assertThrows(UserException.class, () -> Sizes.parse("--file-total-size", "5X"));
        assertEquals(UserException.USAGE, e.exitCode());
        assertEquals(true, e.getMessage().contains("--file-total-size"));
        assertThrows(UserException.class, () -> Sizes.parse("--x", "-1K"));
        assertThrows(UserException.class, () -> Sizes.parse("--x", ""));
        assertThrows(UserException.class, () -> Sizes.parse("--x", "99999999999T"));
    }

    @Test
    void formatsAsSysbenchPrints() {
        assertEquals("16KiB", Sizes.format(16384));
        assertEquals("16MiB", Sizes.format(16L << 20));
        assertEquals("40MiB", Sizes.format((5L << 30) / 128));
        assertEquals("5GiB", Sizes.format(5L << 30));
        assertEquals("2GiB", Sizes.format(2L << 30));
        assertEquals("1.5GiB", Sizes.format(3L << 29));
        assertEquals("512B", Sizes.format(512)); // sysbench: "Block size 512B"
        assertEquals("1000B", Sizes.format(1000));
        assertEquals("33.333KiB", Sizes.format(102400 / 3));
        assertEquals("64KiB", Sizes.format(65536));
    }

    @Test
    void formatGFollowsC() {
        assertEquals("3.3333", Sizes.formatG(10.0 / 3, 5));
        assertEquals("1e+05", Sizes.formatG(100000, 5));
        assertEquals("1023.9", Sizes.formatG(1023.9, 5));
        assertEquals("0.0001", Sizes.formatG(0.0001, 5));
    }
}
