package io.virtbench.net.protocol;

import io.virtbench.core.UserException;

/**
 * iperf3's protocol constants and limits (spec/iperf3-and-ab.md A1–A3, A13; iperf.h, iperf_api.h
 * of iperf 3.9 and 3.12), and its error messages (iperf_error.c) for the error numbers virtbench
 * sends or receives.
 */
public final class Iperf3 {
    private Iperf3() {
    }

    /** The iperf3 version whose wire protocol and output virtbench follows. */
    public static final String COMPATIBLE_VERSION = "3.12";

    public static final int DEFAULT_PORT = 5201;
    /** 36 characters and a NUL. */
    public static final int COOKIE_SIZE = 37;
    public static final int DEFAULT_DURATION = 10;
    public static final int DEFAULT_TCP_BLKSIZE = 128 * 1024;
    public static final int DEFAULT_UDP_BLKSIZE = 1460;
    /** Default UDP rate: 1024 × 1024 bit/s, not 10^6. */
    public static final long DEFAULT_UDP_RATE = 1024 * 1024;
    public static final int DEFAULT_PACING_TIMER_US = 1000;
    public static final int MIN_UDP_BLOCKSIZE = 4 + 4 + 8;
    public static final int MAX_UDP_BLOCKSIZE = 65535 - 8 - 20;
    public static final int MAX_BLOCKSIZE = 1024 * 1024;
    public static final int MAX_STREAMS = 128;
    public static final int MAX_TIME = 86400;
    public static final int MAX_BURST = 1000;
    /** Client-side limit of {@code -O} (iperf_api.c: 0..60); the server accepts up to 600 (3.18+ check). */
    public static final int MAX_OMIT = 60;
    public static final int MAX_SERVER_OMIT = 600;
    public static final double MIN_INTERVAL = 0.1;
    public static final double MAX_INTERVAL = 60.0;

    /** {@code -i}: 0 (no interval reports) or MIN_INTERVAL..MAX_INTERVAL, as both iperf3 roles check it. */
    public static void checkInterval(String option, double interval) {
        if (Double.isNaN(interval) || (interval != 0 && (interval < MIN_INTERVAL || interval > MAX_INTERVAL))) {
            throw UserException.usage("invalid value for " + option + ": " + interval
                    + " (invalid report interval (min = 0.1, max = 60 seconds))");
        }
    }
    public static final long MAX_TCP_BUFFER = 512L * 1024 * 1024;
    /** iperf3 3.18+ rejects longer parameter objects; virtbench's server always does. */
    public static final int MAX_PARAMS_JSON = 8 * 1024;
    /** Bound for a results object read by the server (the client's results: streams only). */
    public static final int MAX_CLIENT_RESULTS_JSON = 1024 * 1024;
    /** Bound for a results object read by the client (may carry the server's whole output). */
    public static final int MAX_SERVER_RESULTS_JSON = 64 * 1024 * 1024;
    /** Server safety timer beyond time + omit: 4 s × 10 state transitions (iperf_server_api.c). */
    public static final int SERVER_GRACE_SECONDS = 40;
    /** Default {@code --rcv-timeout} (ms), iperf3 3.10+. */
    public static final int DEFAULT_RCV_TIMEOUT_MS = 120_000;
    public static final int MIN_RCV_TIMEOUT_MS = 100;
    /** How long the UDP client waits for the server's reply to its hello (SO_RCVTIMEO in udp.c). */
    public static final int UDP_CONNECT_TIMEOUT_MS = 30_000;
    /** In -R mode the UDP client tolerates this many data datagrams before the hello reply. */
    public static final int MAX_REVERSE_OUT_OF_ORDER_PACKETS = 2;

    // State bytes (iperf_api.h), signed on the wire.
    public static final byte TEST_START = 1;
    public static final byte TEST_RUNNING = 2;
    public static final byte TEST_END = 4;
    public static final byte PARAM_EXCHANGE = 9;
    public static final byte CREATE_STREAMS = 10;
    public static final byte SERVER_TERMINATE = 11;
    public static final byte CLIENT_TERMINATE = 12;
    public static final byte EXCHANGE_RESULTS = 13;
    public static final byte DISPLAY_RESULTS = 14;
    public static final byte IPERF_START = 15;
    public static final byte IPERF_DONE = 16;
    public static final byte ACCESS_DENIED = -1;
    public static final byte SERVER_ERROR = -2;

    /**
     * UDP stream hello as 3.12+ send it ("9876": the host-order int 0x36373839 on a little-endian
     * host), and the reply ("6789"). 3.9–3.11 send 123456789 and reply 987654321 in host order.
     */
    public static final byte[] UDP_CONNECT_MSG = {0x39, 0x38, 0x37, 0x36};
    public static final byte[] UDP_CONNECT_REPLY = {0x36, 0x37, 0x38, 0x39};
    public static final byte[] LEGACY_UDP_CONNECT_MSG_LE = {0x15, (byte) 0xCD, 0x5B, 0x07};
    public static final byte[] LEGACY_UDP_CONNECT_REPLY_LE = {(byte) 0xB1, 0x68, (byte) 0xDE, 0x3A};
    /** The same two replies as sent by a big-endian host (3.12–3.16 wrote them in host order). */
    public static final byte[] UDP_CONNECT_REPLY_BE_HOST = {0x39, 0x38, 0x37, 0x36};
    public static final byte[] LEGACY_UDP_CONNECT_REPLY_BE = {0x3A, (byte) 0xDE, 0x68, (byte) 0xB1};

    // Error numbers (iperf_api.h) that travel in a SERVER_ERROR trailer or that the client reports.
    public static final int IEDURATION = 5;
    public static final int IENUMSTREAMS = 6;
    public static final int IEBLOCKSIZE = 7;
    public static final int IEBUFSIZE = 8;
    public static final int IEOMIT = 12;
    public static final int IEBURST = 15;
    public static final int IEUDPBLOCKSIZE = 20;
    public static final int IEBADTOS = 21;
    public static final int IEREVERSEBIDIR = 25;
    public static final int IELISTEN = 102;
    public static final int IECONNECT = 103;
    public static final int IERECVCOOKIE = 106;
    public static final int IECTRLCLOSE = 109;
    public static final int IEMESSAGE = 110;
    public static final int IERECVPARAMS = 114;
    public static final int IERECVRESULTS = 117;
    public static final int IECLIENTTERM = 119;
    public static final int IESERVERTERM = 120;
    public static final int IEACCESSDENIED = 121;
    public static final int IENOMSG = 144;
    public static final int IESTREAMLISTEN = 202;
    public static final int IESTREAMCONNECT = 203;
    public static final int IESTREAMACCEPT = 204;
    public static final int IESTREAMWRITE = 205;
    public static final int IESTREAMREAD = 206;
    public static final int IESTREAMID = 208;

    /** iperf3's message for an error number (iperf_error.c), for the ones virtbench meets. */
    public static String errorMessage(int ierrno) {
        return switch (ierrno) {
            case IEDURATION -> "test duration too long (maximum = " + MAX_TIME + " seconds)";
            case IENUMSTREAMS -> "number of parallel streams too large (maximum = " + MAX_STREAMS + ")";
            case IEBLOCKSIZE -> "block size too large (maximum = " + MAX_BLOCKSIZE + " bytes)";
            case IEBUFSIZE -> "socket buffer size too large (maximum = " + MAX_TCP_BUFFER + " bytes)";
            case IEOMIT -> "bogus value for --omit";
            case IEBURST -> "invalid burst count (maximum = " + MAX_BURST + ")";
            case IEUDPBLOCKSIZE -> "block size invalid (minimum = " + MIN_UDP_BLOCKSIZE + " bytes, maximum = "
                    + MAX_UDP_BLOCKSIZE + " bytes)";
            case IEBADTOS -> "bad TOS value (must be between 0 and 255 inclusive)";
            case IEREVERSEBIDIR -> "cannot be both reverse and bidirectional";
            case IELISTEN -> "unable to start listener for connections";
            case IECONNECT -> "unable to connect to server";
            case IERECVCOOKIE -> "unable to receive cookie at server";
            case IECTRLCLOSE -> "control socket has closed unexpectedly";
            case IEMESSAGE -> "received an unknown control message";
            case IERECVPARAMS -> "unable to receive parameters from client";
            case IERECVRESULTS -> "unable to receive results";
            case IECLIENTTERM -> "the client has terminated";
            case IESERVERTERM -> "the server has terminated";
            case IEACCESSDENIED -> "the server is busy running a test. try again later";
            case IENOMSG -> "idle timeout for receiving data";
            case IESTREAMLISTEN -> "unable to start stream listener";
            case IESTREAMCONNECT -> "unable to connect stream";
            case IESTREAMACCEPT -> "unable to accept stream connection";
            case IESTREAMWRITE -> "unable to write to stream socket";
            case IESTREAMREAD -> "unable to read from stream socket";
            case IESTREAMID -> "stream has an invalid id";
            default -> "iperf3 error " + ierrno;
        };
    }
}
