package io.virtbench.http.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AbReportWarningTest {
    @Test
    void warningsFollowAbsSanityCheck() {
        StringBuilder s = new StringBuilder();
        AbReport.warn(s, "the total time", 10, 10, 0.0);
        assertEquals("", s.toString());
        AbReport.warn(s, "the total time", 12, 10, 1.5);
        assertTrue(s.toString().startsWith("WARNING: The median and mean for the total time are not within a normal deviation\n"
                + "        These results are probably not that reliable.\n"), s.toString());
        s.setLength(0);
        AbReport.warn(s, "the processing time", 20, 10, 1.0);
        assertEquals("ERROR: The median and mean for the processing time are more than twice the standard\n"
                + "       deviation apart. These results are NOT reliable.\n", s.toString());
    }
}
