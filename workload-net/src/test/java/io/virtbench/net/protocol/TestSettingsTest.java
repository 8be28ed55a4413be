package io.virtbench.net.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.virtbench.net.client.ClientOptions;
import org.junit.jupiter.api.Test;

class TestSettingsTest {
    @Test
    void parametersAreWhatA312ClientSends() {
        // spec A5: a 3.12 client's parameters for "-c host" and "-c host -u"
        TestSettings tcp = ClientOptions.defaults("h").settings(32768);
        assertEquals("{\"tcp\":true,\"omit\":0,\"time\":10,\"num\":0,\"blockcount\":0,\"parallel\":1,\"len\":131072,"
                + "\"pacing_timer\":1000,\"client_version\":\"3.12\"}", tcp.toParamsJson());
        ClientOptions u = ClientOptions.defaults("h");
        u = ClientOptions.builder("h").udp(true).build();
        assertEquals("{\"udp\":true,\"omit\":0,\"time\":10,\"num\":0,\"blockcount\":0,\"parallel\":1,\"len\":1448,"
                + "\"bandwidth\":1048576,\"pacing_timer\":1000,\"client_version\":\"3.12\"}", u.settings(1448).toParamsJson());
        assertEquals(1460, u.settings(0).blksize, "MSS unknown: 1460");
    }

    @Test
    void serverReadsWhatItKnowsAndIgnoresTheRest() throws Exception {
        TestSettings s = TestSettings.fromParamsJson("{\"udp\":true,\"time\":2,\"parallel\":4,\"reverse\":true,\"len\":1448,"
                + "\"bandwidth\":1000000000,\"gso\":0,\"skip_rx_copy\":0,\"client_version\":\"3.21\",\"get_server_output\":1}");
        assertTrue(s.udp());
        assertEquals(2, s.duration);
        assertEquals(4, s.parallel);
        assertTrue(s.reverse);
        assertEquals(1448, s.blksize);
        assertEquals(1_000_000_000L, s.rate);
        assertTrue(s.getServerOutput);
        TestSettings d = TestSettings.fromParamsJson("{}");
        assertEquals(10, d.duration);
        assertEquals(1, d.parallel);
        assertEquals(131072, d.blksize);
        assertEquals(TestSettings.Protocol.TCP, d.protocol);
    }

    @Test
    void outOfRangeValuesAreRefusedWithIperf3sErrorNumber() {
        assertEquals(Iperf3.IENUMSTREAMS, refused("{\"parallel\":1000}"));
        assertEquals(Iperf3.IENUMSTREAMS, refused("{\"parallel\":0}"));
        assertEquals(Iperf3.IEDURATION, refused("{\"time\":86401}"));
        assertEquals(Iperf3.IEBLOCKSIZE, refused("{\"tcp\":true,\"len\":2000000000}"));
        assertEquals(Iperf3.IEUDPBLOCKSIZE, refused("{\"udp\":true,\"len\":65508}"));
        assertEquals(Iperf3.IEUDPBLOCKSIZE, refused("{\"udp\":true,\"len\":8}"));
        assertEquals(Iperf3.IEOMIT, refused("{\"omit\":-1}"));
        assertEquals(Iperf3.IEREVERSEBIDIR, refused("{\"reverse\":true,\"bidirectional\":true}"));
        assertEquals(Iperf3.IERECVPARAMS, refused("{\"time\":\"ten\"}"));
        assertEquals(Iperf3.IERECVPARAMS, refused("[1,2]"));
        assertEquals(Iperf3.IERECVPARAMS, refused("{not json"));
        assertEquals(Iperf3.IEBURST, refused("{\"burst\":1001}"));
    }

    private static int refused(String json) {
        return assertThrows(TestSettings.ParamsException.class, () -> TestSettings.fromParamsJson(json)).ierrno();
    }
}
