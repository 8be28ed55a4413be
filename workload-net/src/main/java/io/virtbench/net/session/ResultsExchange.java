package io.virtbench.net.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.virtbench.net.protocol.CJson;
import io.virtbench.net.protocol.Iperf3;
import io.virtbench.net.protocol.Mode;
import io.virtbench.net.protocol.ResultsException;
import io.virtbench.net.protocol.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The results exchanged over the control connection at the end of a test (iperf_api.c's send_results and get_results). */
final class ResultsExchange {

    private ResultsExchange() {
    }

    /** send_results: this side's figures as the compact JSON for the control connection. */
    static String resultsJson(IperfSession t, String capturedServerText) {
        CJson.Obj j = CJson.obj();
        j.add("cpu_util_total", t.cpuUtil[0]).add("cpu_util_user", t.cpuUtil[1]).add("cpu_util_system", t.cpuUtil[2]);
        j.add("sender_has_retransmits", t.mode == Mode.RECEIVER ? -1 : t.senderHasRetransmits);
        if (t.congestionUsed != null) {
            j.add("congestion_used", t.congestionUsed);
        }
        if (t.role == Role.SERVER && t.settings.getServerOutput) {
            if (t.json) {
                j.add("server_output_json", t.jsonTop);
            } else if (capturedServerText != null) {
                j.add("server_output_text", capturedServerText);
            }
        }
        List<Object> js = new ArrayList<>();
        j.add("streams", js);
        for (IperfStream sp : t.streams) {
            long bytes = sp.counter.measuredBytes();
            long retransmits = sp.sender && t.senderHasRetransmits != 0 ? sp.streamRetrans : -1;
            js.add(CJson.obj().add("id", sp.id).add("bytes", bytes).add("retransmits", retransmits).add("jitter", sp.jitter)
                    .add("errors", sp.cntError).add("packets", sp.packetCount).add("start_time", 0)
                    .add("end_time", IperfTime.secs(t.meter.measuredUs())));
        }
        return CJson.compact(j);
    }

    /** get_results: the peer's figures into this side's streams. */
    static void apply(IperfSession t, String text) throws ResultsException {
        JsonNode j;
        try {
            j = CJson.parse(text);
        } catch (IOException e) {
            throw new ResultsException("results are not JSON", Iperf3.IERECVRESULTS);
        }
        JsonNode total = j.get("cpu_util_total");
        JsonNode user = j.get("cpu_util_user");
        JsonNode system = j.get("cpu_util_system");
        JsonNode shr = j.get("sender_has_retransmits");
        if (total == null || user == null || system == null || shr == null || !total.isNumber() || !user.isNumber()
                || !system.isNumber() || !shr.isNumber()) {
            throw new ResultsException("results lack the cpu_util_* or sender_has_retransmits numbers", Iperf3.IERECVRESULTS);
        }
        t.remoteCpuUtil[0] = total.asDouble();
        t.remoteCpuUtil[1] = user.asDouble();
        t.remoteCpuUtil[2] = system.asDouble();
        int resultHasRetransmits = CJson.cInt(shr);
        if (t.mode == Mode.RECEIVER) {
            t.senderHasRetransmits = resultHasRetransmits;
            t.otherSideHasRetransmits = 0;
        } else if (t.mode == Mode.BIDIRECTIONAL) {
            t.otherSideHasRetransmits = resultHasRetransmits;
        }
        JsonNode js = j.get("streams");
        if (js == null || !js.isArray()) {
            throw new ResultsException("results have no streams array", Iperf3.IERECVRESULTS);
        }
        for (JsonNode s : js) {
            applyStream(t, s);
        }
        if (t.role == Role.CLIENT && t.settings.getServerOutput) {
            JsonNode so = j.get("server_output_json");
            if (so != null && so.isObject()) {
                t.jsonServerOutput = CJson.fromJackson(so);
            } else {
                JsonNode st = j.get("server_output_text");
                if (st != null && st.isTextual()) {
                    t.serverOutputText = st.textValue();
                }
            }
        }
        JsonNode cc = j.get("congestion_used");
        if (cc != null && cc.isTextual()) {
            t.remoteCongestionUsed = cc.textValue();
        }
    }

    /** One stream's figures from the peer: its id must be one of this side's streams. */
    private static void applyStream(IperfSession t, JsonNode s) throws ResultsException {
        JsonNode id = s.get("id");
        JsonNode bytes = s.get("bytes");
        JsonNode retransmits = s.get("retransmits");
        JsonNode jitter = s.get("jitter");
        JsonNode errors = s.get("errors");
        JsonNode packets = s.get("packets");
        if (id == null || bytes == null || retransmits == null || jitter == null || errors == null || packets == null
                || !id.isNumber() || !bytes.isNumber() || !retransmits.isNumber() || !jitter.isNumber()
                || !errors.isNumber() || !packets.isNumber()) {
            throw new ResultsException("a stream in the results lacks id, bytes, retransmits, jitter, errors or packets",
                    Iperf3.IERECVRESULTS);
        }
        int sid = CJson.cInt(id);
        IperfStream sp = null;
        for (IperfStream x : t.streams) {
            if (x.id == sid) {
                sp = x;
                break;
            }
        }
        if (sp == null) {
            throw new ResultsException("stream has an invalid id: " + sid, Iperf3.IESTREAMID);
        }
        JsonNode st = s.get("start_time");
        JsonNode et = s.get("end_time");
        double peerTime = st != null && et != null && st.isNumber() && et.isNumber() ? et.asDouble() - st.asDouble() : 0.0;
        if (sp.sender) {
            sp.jitter = jitter.asDouble();
            sp.cntError = CJson.cInt(errors);
            sp.peerPacketCount = CJson.cInt(packets);
            sp.peerBytes = CJson.int64(bytes);
            sp.receiverTime = peerTime;
        } else {
            sp.peerPacketCount = CJson.cInt(packets);
            sp.peerBytes = CJson.int64(bytes);
            sp.streamRetrans = CJson.cInt(retransmits);
            sp.senderTime = peerTime;
        }
    }
}
