package io.virtbench.net.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * The parameters of one test as they travel from client to server in the parameter JSON (spec
 * A5; iperf_api.c {@code send_parameters} / {@code get_parameters}). The client builds them from
 * its options; the server reads them from the wire with iperf3 3.18+'s type and range checks plus
 * the block-size bounds of the client's own checks, so that no value makes it allocate or wait
 * without limit.
 */
public final class TestSettings {

    /** Transport of the data streams. */
    public enum Protocol {
        TCP, UDP
    }

    /** A parameter object that cannot be used; {@code ierrno} goes back in a SERVER_ERROR. */
    public static final class ParamsException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int ierrno;

        public ParamsException(String message, int ierrno) {
            super(message);
            this.ierrno = ierrno;
        }

        public int ierrno() {
            return ierrno;
        }
    }

    public Protocol protocol = Protocol.TCP;
    public int omit;
    public int duration = Iperf3.DEFAULT_DURATION;
    public long bytes;
    public long blocks;
    public int mss;
    public boolean noDelay;
    public int parallel = 1;
    public boolean reverse;
    public boolean bidirectional;
    public int window;
    public int blksize = Iperf3.DEFAULT_TCP_BLKSIZE;
    public long rate;
    public long fqRate;
    public int pacingTimer = Iperf3.DEFAULT_PACING_TIMER_US;
    public int burst;
    public int tos;
    public String title;
    public String extraData;
    public String congestion;
    public boolean getServerOutput;
    public boolean udpCounters64bit;
    public boolean repeatingPayload;
    public String clientVersion;

    public boolean udp() {
        return protocol == Protocol.UDP;
    }

    /** The compact parameter JSON a 3.12 client sends, keys in its order. */
    public String toParamsJson() {
        CJson.Obj j = CJson.obj();
        j.add(udp() ? "udp" : "tcp", true);
        j.add("omit", omit);
        j.add("time", duration);
        j.add("num", bytes);
        j.add("blockcount", blocks);
        if (mss != 0) {
            j.add("MSS", mss);
        }
        if (noDelay) {
            j.add("nodelay", true);
        }
        j.add("parallel", parallel);
        if (reverse) {
            j.add("reverse", true);
        }
        if (bidirectional) {
            j.add("bidirectional", true);
        }
        if (window != 0) {
            j.add("window", window);
        }
        if (blksize != 0) {
            j.add("len", blksize);
        }
        if (rate != 0) {
            j.add("bandwidth", rate);
        }
        if (fqRate != 0) {
            j.add("fqrate", fqRate);
        }
        if (pacingTimer != 0) {
            j.add("pacing_timer", pacingTimer);
        }
        if (burst != 0) {
            j.add("burst", burst);
        }
        if (tos != 0) {
            j.add("TOS", tos);
        }
        if (title != null) {
            j.add("title", title);
        }
        if (extraData != null) {
            j.add("extra_data", extraData);
        }
        if (congestion != null) {
            j.add("congestion", congestion);
        }
        if (getServerOutput) {
            j.add("get_server_output", 1);
        }
        if (udpCounters64bit) {
            j.add("udp_counters_64bit", 1);
        }
        if (repeatingPayload) {
            j.add("repeating_payload", 1);
        }
        j.add("client_version", Iperf3.COMPATIBLE_VERSION);
        return CJson.compact(j);
    }

    /**
     * Reads a client's parameter JSON. Absent keys keep iperf3's reset defaults; unknown keys
     * are ignored (later clients send more); a key of the wrong type or a value out of range is
     * an error.
     */
    public static TestSettings fromParamsJson(String text) throws ParamsException {
        JsonNode j;
        try {
            j = CJson.parse(text);
        } catch (IOException e) {
            throw new ParamsException("parameters are not JSON: " + oneLine(e.getMessage()), Iperf3.IERECVPARAMS);
        }
        if (!j.isObject()) {
            throw new ParamsException("parameters are not a JSON object", Iperf3.IERECVPARAMS);
        }
        TestSettings s = new TestSettings();
        if (flag(j, "tcp")) {
            s.protocol = Protocol.TCP;
        }
        if (flag(j, "udp")) {
            s.protocol = Protocol.UDP;
        }
        if (j.has("sctp")) {
            throw new ParamsException("SCTP is not supported", Iperf3.IERECVPARAMS);
        }
        s.omit = (int) number(j, "omit", 0, Iperf3.MAX_SERVER_OMIT, s.omit, Iperf3.IEOMIT);
        s.duration = (int) number(j, "time", 0, Iperf3.MAX_TIME, s.duration, Iperf3.IEDURATION);
        s.bytes = number(j, "num", 0, Long.MAX_VALUE, 0, Iperf3.IERECVPARAMS);
        s.blocks = number(j, "blockcount", 0, Long.MAX_VALUE, 0, Iperf3.IERECVPARAMS);
        s.mss = (int) number(j, "MSS", 0, 9216, 0, Iperf3.IERECVPARAMS);
        s.noDelay = flag(j, "nodelay");
        s.parallel = (int) number(j, "parallel", 1, Iperf3.MAX_STREAMS, 1, Iperf3.IENUMSTREAMS);
        s.reverse = flag(j, "reverse");
        s.bidirectional = flag(j, "bidirectional");
        if (s.reverse && s.bidirectional) {
            throw new ParamsException("cannot be both reverse and bidirectional", Iperf3.IEREVERSEBIDIR);
        }
        s.window = (int) number(j, "window", 0, Integer.MAX_VALUE, 0, Iperf3.IEBUFSIZE);
        if (s.window > Iperf3.MAX_TCP_BUFFER) {
            throw new ParamsException(Iperf3.errorMessage(Iperf3.IEBUFSIZE), Iperf3.IEBUFSIZE);
        }
        s.blksize = (int) number(j, "len", 0, Integer.MAX_VALUE, Iperf3.DEFAULT_TCP_BLKSIZE, Iperf3.IEBLOCKSIZE);
        if (s.udp()) {
            if (s.blksize < Iperf3.MIN_UDP_BLOCKSIZE || s.blksize > Iperf3.MAX_UDP_BLOCKSIZE) {
                throw new ParamsException(Iperf3.errorMessage(Iperf3.IEUDPBLOCKSIZE), Iperf3.IEUDPBLOCKSIZE);
            }
        } else if (s.blksize <= 0 || s.blksize > Iperf3.MAX_BLOCKSIZE) {
            throw new ParamsException(Iperf3.errorMessage(Iperf3.IEBLOCKSIZE), Iperf3.IEBLOCKSIZE);
        }
        s.rate = number(j, "bandwidth", 0, Long.MAX_VALUE, 0, Iperf3.IERECVPARAMS);
        s.fqRate = number(j, "fqrate", 0, Long.MAX_VALUE, 0, Iperf3.IERECVPARAMS);
        s.pacingTimer = (int) number(j, "pacing_timer", 0, 1_000_000, Iperf3.DEFAULT_PACING_TIMER_US, Iperf3.IERECVPARAMS);
        if (s.pacingTimer == 0) {
            s.pacingTimer = Iperf3.DEFAULT_PACING_TIMER_US;
        }
        s.burst = (int) number(j, "burst", 0, Iperf3.MAX_BURST, 0, Iperf3.IEBURST);
        s.tos = (int) number(j, "TOS", 0, 255, 0, Iperf3.IEBADTOS);
        s.title = string(j, "title");
        s.extraData = string(j, "extra_data");
        s.congestion = string(j, "congestion");
        s.getServerOutput = j.has("get_server_output");
        s.udpCounters64bit = j.has("udp_counters_64bit");
        s.repeatingPayload = j.has("repeating_payload");
        s.clientVersion = string(j, "client_version");
        return s;
    }

    /** iperf3 tests flag keys for presence; 3.18+ also wants a boolean, and so does virtbench. */
    private static boolean flag(JsonNode j, String key) throws ParamsException {
        JsonNode v = j.get(key);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean() && !v.isNumber()) {
            throw new ParamsException("parameter " + key + " has the wrong type", Iperf3.IERECVPARAMS);
        }
        return !v.isBoolean() || v.booleanValue();
    }

    private static long number(JsonNode j, String key, long min, long max, long dflt, int ierrno) throws ParamsException {
        JsonNode v = j.get(key);
        if (v == null) {
            return dflt;
        }
        if (!v.isNumber()) {
            throw new ParamsException("parameter " + key + " is not a number", Iperf3.IERECVPARAMS);
        }
        double d = v.asDouble();
        if (Double.isNaN(d) || d < min || d > max) {
            throw new ParamsException("parameter " + key + " = " + v.asText() + " is out of range (" + min + ".." + max + ")",
                    ierrno);
        }
        return CJson.int64(v);
    }

    private static String string(JsonNode j, String key) throws ParamsException {
        JsonNode v = j.get(key);
        if (v == null) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ParamsException("parameter " + key + " is not a string", Iperf3.IERECVPARAMS);
        }
        return v.textValue();
    }

    private static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
