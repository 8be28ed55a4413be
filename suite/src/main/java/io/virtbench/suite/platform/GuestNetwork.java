package io.virtbench.suite.platform;

import io.virtbench.core.UserException;
import io.virtbench.core.nativetool.NativeTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A guest's own network namespace joined to the host by a veth pair, as Docker's bridge network
 * joins a container: the host end keeps {@code hostAddress}, the guest end {@code guestAddress}
 * (a /30 of 10.214.0.0/16, picked at random). Before any load {@link #verifyRoute()} checks that the
 * host reaches the guest's address through this veth, so traffic can never leave the machine
 * through a default route. {@link #close()} deletes the namespace and the pair.
 */
public final class GuestNetwork implements AutoCloseable {
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(20);

    private final String namespace;
    private final String hostVeth;
    private final String guestVeth;
    private final String hostAddress;
    private final String guestAddress;
    private boolean namespaceCreated;
    private boolean vethCreated;

    private GuestNetwork(String suffix, int third, int base) {
        this.namespace = "vb-" + suffix;
        this.hostVeth = "vbh" + suffix;
        this.guestVeth = "vbg" + suffix;
        this.hostAddress = "10.214." + third + "." + (base + 1);
        this.guestAddress = "10.214." + third + "." + (base + 2);
    }

    /** Creates the namespace and the veth pair, with addresses, up; on failure removes what it made. */
    public static GuestNetwork create() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String suffix = Integer.toString(r.nextInt(1 << 25, 1 << 30), 36); // 5-6 characters: veth names stay <= 15
        GuestNetwork n = new GuestNetwork(suffix, r.nextInt(1, 255), r.nextInt(0, 64) * 4);
        try {
            n.ip("netns", "add", n.namespace);
            n.namespaceCreated = true;
            n.ip("link", "add", n.hostVeth, "type", "veth", "peer", "name", n.guestVeth);
            n.vethCreated = true;
            n.ip("link", "set", n.guestVeth, "netns", n.namespace);
            n.ip("addr", "add", n.hostAddress + "/30", "dev", n.hostVeth);
            n.ip("link", "set", n.hostVeth, "up");
            n.ip("-n", n.namespace, "addr", "add", n.guestAddress + "/30", "dev", n.guestVeth);
            n.ip("-n", n.namespace, "link", "set", n.guestVeth, "up");
            n.ip("-n", n.namespace, "link", "set", "lo", "up");
            return n;
        } catch (RuntimeException e) {
            n.close();
            throw e;
        }
    }

    /** Fails unless {@code ip route get GUEST} names this pair's host end. */
    public void verifyRoute() {
        String route = NativeTool.run(List.of("ip", "route", "get", guestAddress), null, IP_TIMEOUT).stdout().strip();
        List<String> words = List.of(route.split("\\s+"));
        int dev = words.indexOf("dev");
        if (dev < 0 || dev + 1 >= words.size() || !words.get(dev + 1).equals(hostVeth)) {
            throw new UserException("the route to the guest's address " + guestAddress + " does not use its veth " + hostVeth
                    + " (ip route get: '" + route.replace('\n', ' ') + "'): refusing to send load");
        }
    }

    public String namespace() {
        return namespace;
    }

    /** The namespace's path, for an OCI runtime's config.json. */
    public String namespacePath() {
        return "/var/run/netns/" + namespace;
    }

    public String guestAddress() {
        return guestAddress;
    }

    public String hostVeth() {
        return hostVeth;
    }

    @Override
    public void close() {
        List<String> problems = new ArrayList<>();
        if (namespaceCreated) {
            // deleting the namespace destroys the guest end, and with it the host end of the pair
            NativeTool.Result r = NativeTool.run(List.of("ip", "netns", "del", namespace), null, IP_TIMEOUT);
            if (r.exitCode() != 0) {
                problems.add("ip netns del " + namespace + ": " + r.firstErrorLine());
            }
            namespaceCreated = false;
        }
        if (vethCreated) {
            // a guest end that never reached the namespace, or a runtime that moved it elsewhere
            if (NativeTool.run(List.of("ip", "link", "show", hostVeth), null, IP_TIMEOUT).exitCode() == 0) {
                NativeTool.run(List.of("ip", "link", "del", hostVeth), null, IP_TIMEOUT);
            }
            vethCreated = false;
        }
        if (!problems.isEmpty()) {
            throw new UserException(String.join("; ", problems));
        }
    }

    private void ip(String... args) {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        NativeTool.Result r = NativeTool.run(cmd, null, IP_TIMEOUT);
        if (r.exitCode() != 0) {
            throw new UserException(String.join(" ", cmd) + " failed: " + r.firstErrorLine());
        }
    }
}
