package io.virtbench.net.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.virtbench.net.protocol.Role;
import io.virtbench.net.protocol.TestSettings;
import io.virtbench.net.report.IperfOutput;
import org.junit.jupiter.api.Test;

/** iperf_udp_recv's loss, out-of-order and jitter arithmetic on synthetic datagram sequences. */
class UdpAccountingTest {

    private static IperfStream stream() {
        return new IperfStream(1, false, 5, null);
    }

    /** Sequence numbers with constant transit: loss and reordering only. */
    private static IperfStream receive(long... seqs) {
        IperfStream s = stream();
        long t = 1_000_000;
        for (long q : seqs) {
            s.udpReceived(100, q, t, t + 50);
            t += 1000;
        }
        return s;
    }

    @Test
    void inOrderSequenceHasNoLoss() {
        IperfStream s = receive(1, 2, 3, 4, 5);
        assertEquals(5, s.packetCount);
        assertEquals(0, s.cntError);
        assertEquals(0, s.outoforderPackets);
        assertEquals(500, s.receivedBytes());
    }

    @Test
    void gapsCountAsLostAndLateArrivalsGiveThemBack() {
        IperfStream s = receive(1, 2, 5);
        assertEquals(5, s.packetCount);
        assertEquals(2, s.cntError);
        s.udpReceived(100, 3, 0, 50);
        assertEquals(1, s.outoforderPackets);
        assertEquals(1, s.cntError, "a late datagram offsets one loss");
        s.udpReceived(100, 4, 0, 50);
        assertEquals(2, s.outoforderPackets);
        assertEquals(0, s.cntError);
        s.udpReceived(100, 4, 0, 50); // a duplicate is also "out of order" and never makes loss negative
        assertEquals(3, s.outoforderPackets);
        assertEquals(0, s.cntError);
        assertEquals(5, s.packetCount, "the highest sequence number seen");
    }

    @Test
    void firstDatagramNeedNotBeOneAndTheTailIsNeverLost() {
        IperfStream s = receive(3, 4);
        assertEquals(2, s.cntError, "datagrams 1 and 2 never came");
        IperfStream t = receive(1, 2); // 3..10 were sent but never arrived: not counted
        assertEquals(0, t.cntError);
    }

    @Test
    void jitterIsRfc1889SmoothingOfTransitDifferencesInSeconds() {
        IperfStream s = stream();
        long[] transitUs = {100, 300, 100, 300, 200};
        double expected = 0;
        double prev = 0;
        for (int i = 0; i < transitUs.length; i++) {
            long sent = 5_000_000L + i * 1000;
            s.udpReceived(1000, i + 1, sent, sent + transitUs[i]);
            double transit = transitUs[i] / 1e6;
            if (i == 0) {
                prev = transit;
            }
            expected += (Math.abs(transit - prev) - expected) / 16.0;
            prev = transit;
        }
        assertEquals(expected, s.jitter, 1e-15);
        assertEquals(0.0000392547607421875, s.jitter, 1e-12); // D = 0, 200, 200, 200, 100 µs, by hand
    }

    @Test
    void constantTransitMeansNoJitterAndClockOffsetsCancel() {
        IperfStream s = stream();
        for (int i = 1; i <= 100; i++) {
            long sent = 1_600_000_000_000_000L + i * 1000L; // a wall-clock sender against a monotonic receiver
            s.udpReceived(1000, i, sent, 42_000_000 + i * 1000L);
        }
        assertEquals(0.0, s.jitter, 1e-12);
        assertEquals(0, s.cntError);
    }

    @Test
    void intervalsReportTheirOwnLossAndTheFinalSummaryTheWhole() {
        TestSettings settings = new TestSettings();
        settings.protocol = TestSettings.Protocol.UDP;
        IperfSession test = new IperfSession(Role.SERVER, settings, true, 'a', 1.0, new IperfOutput(null));
        test.jsonStart("x", "y");
        IperfStream s = new IperfStream(1, false, 5, null);
        test.streams.add(s);
        test.initTest(0);
        s.udpReceived(100, 1, 0, 10);
        s.udpReceived(100, 3, 0, 10);
        test.statsCallback(1_000_000);
        IntervalResult first = s.lastInterval();
        s.udpReceived(100, 4, 0, 10);
        s.udpReceived(100, 2, 0, 10);
        test.statsCallback(2_000_000);
        IntervalResult second = s.lastInterval();
        assertEquals(3, first.intervalPacketCount);
        assertEquals(1, first.intervalCntError);
        assertEquals(1, second.intervalPacketCount);
        assertEquals(-1, second.intervalCntError, "iperf3's interval loss can go negative when a late datagram arrives");
        assertEquals(1, second.intervalOutoforder);
    }
}
