package io.virtbench.net.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.net.session.IperfTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CJsonTest {
    @Test
    void numbersPrintAsIperf3sCJsonPrintsThem() {
        assertEquals("131072", CJson.number(131072));
        assertEquals("6970000000", CJson.number(6.97e9));
        assertEquals("-1", CJson.number(-1));
        assertEquals("0", CJson.number(0.0));
        assertEquals("1.0001", CJson.number(IperfTime.secs(1_000_100)));
        // interval lengths are C floats: 17 digits are needed to give the value back
        assertEquals("1.0001200437545776", CJson.number(IperfTime.floatSecs(1_000_120)));
        assertEquals("944280281.044234", CJson.number(944280281.044234));
        assertEquals("0.0046103515625", CJson.number(0.0046103515625));
        assertEquals("4.6103515625e-06", CJson.number(0.0000046103515625));
        assertEquals("null", CJson.number(Double.POSITIVE_INFINITY));
    }

    @Test
    void formattedLayoutIsCJsonsTabbedOne() {
        CJson.Obj doc = CJson.obj()
                .add("start", CJson.obj().add("connected", List.of(CJson.obj().add("socket", 8).add("local_host", "a"))))
                .add("intervals", List.of())
                .add("end", CJson.obj())
                .add("error", "x \"y\"");
        String expected = "{\n"
                + "\t\"start\":\t{\n"
                + "\t\t\"connected\":\t[{\n"
                + "\t\t\t\t\"socket\":\t8,\n"
                + "\t\t\t\t\"local_host\":\t\"a\"\n"
                + "\t\t\t}]\n"
                + "\t},\n"
                + "\t\"intervals\":\t[],\n"
                + "\t\"end\":\t{\n"
                + "\t},\n"
                + "\t\"error\":\t\"x \\\"y\\\"\"\n"
                + "}";
        assertEquals(expected, CJson.print(doc));
        assertEquals("{\"a\":[1, 2]}".replace(", ", ","), CJson.compact(CJson.obj().add("a", List.of(1, 2))));
    }

    @Test
    void objectsKeepDuplicateKeysAsIperf3sServerWritesThem() {
        CJson.Obj o = CJson.obj().add("target_bitrate", 1).add("x", 2).add("target_bitrate", 1);
        assertEquals("{\"target_bitrate\":1,\"x\":2,\"target_bitrate\":1}", CJson.compact(o));
    }

    @Test
    void minusOnePrintedUnsignedByIperf3ReadsBackAsMinusOne() throws Exception {
        // iperf 3.9-3.12 print -1 as 18446744073709551615 in the results they exchange
        JsonNode n = CJson.parse("{\"retransmits\":18446744073709551615,\"bytes\":3984326550}");
        assertEquals(-1, CJson.cInt(n.get("retransmits")));
        assertEquals(3984326550L, CJson.int64(n.get("bytes")));
    }
}
