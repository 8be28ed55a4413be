package io.virtbench.boot;

/** A stand-in guest init for tests: what {@code virtbench beacon HOST:PORT} does. */
public final class BeaconMain {
    private BeaconMain() {
    }

    public static void main(String[] args) {
        Beacon.Address a = Beacon.Address.parse(args[0], "HOST:PORT");
        Beacon.Sent s = Beacon.send(a.host(), a.port(), 10, 0.1);
        System.exit(s.acknowledged() ? 0 : 1);
    }
}
