package io.virtbench.net.protocol;

/** Which end of an iperf3 test this process is (iperf3's {@code test->role}, 'c' or 's'). */
public enum Role {
    CLIENT,
    SERVER
}
