package io.virtbench.http.client;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.virtbench.http.transport.EpollLink;
import io.virtbench.http.transport.Transport;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The client's fast path ({@link EpollLink}: bare sockets on Netty's epoll loop, through Netty's
 * {@code LinuxSocket}, which Netty does not promise to keep) must not fall back to channels
 * silently. Where Netty ships its native transport (Linux on x86-64 and aarch64, this project's
 * platforms), an upgrade that stops it loading, or stops the loop accepting bare handles, fails
 * here with Netty's reason, instead of only making every HTTP figure a little slower.
 * {@link AbEngineChannelLinkTest} runs the public-API path ({@code -Dvirtbench.http.channels=true}).
 */
class InternalPathTest {
    @Test
    void theEpollFastPathIsTakenWhereNettyShipsItsNativeTransport() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        assumeTrue(os.contains("linux") && (arch.equals("amd64") || arch.equals("aarch64")),
                "Netty's native epoll transport is shipped for Linux x86-64 and aarch64 only");
        assumeTrue(System.getProperty("virtbench.transport") == null, "NIO was asked for");
        assertTrue(Epoll.isAvailable(), () -> "Netty's epoll transport does not load: " + Epoll.unavailabilityCause());
        assertTrue(Transport.epoll());
        EventLoopGroup group = Transport.group(1, "internal-path-test");
        try {
            assertTrue(AbEngine.bareSockets(group.next()), "the epoll loop no longer takes EpollLink's bare sockets");
        } finally {
            Transport.shutdown(group);
        }
    }
}
