package io.virtbench.net;

/** Which end of an iperf3 test this process is (iperf3's {@code test->role}, 'c' or 's'). */
enum Role {
    CLIENT,
    SERVER
}
