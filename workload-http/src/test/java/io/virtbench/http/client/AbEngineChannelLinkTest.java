package io.virtbench.http.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.virtbench.http.transport.ChannelLink;
import io.virtbench.http.transport.EpollLink;
import io.virtbench.http.transport.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@link AbEngineTest} case again over Netty channels ({@link ChannelLink}), the path
 * taken where bare epoll sockets cannot run. (On Linux the tests above run over {@link EpollLink}.)
 */
class AbEngineChannelLinkTest extends AbEngineTest {
    @BeforeAll
    static void overChannels() {
        System.setProperty(AbEngine.CHANNELS_PROPERTY, "true");
    }

    @AfterAll
    static void back() {
        System.clearProperty(AbEngine.CHANNELS_PROPERTY);
    }

    /** The property chooses channels; without it the epoll transport's loops get bare sockets. */
    @Test
    void thePropertyChoosesChannelsOverBareSockets() {
        EventLoopGroup group = Transport.group(1, "link-test");
        try {
            EventLoop loop = group.next();
            assertFalse(AbEngine.bareSockets(loop));
            System.clearProperty(AbEngine.CHANNELS_PROPERTY);
            try {
                assertEquals(Transport.epoll(), AbEngine.bareSockets(loop));
            } finally {
                System.setProperty(AbEngine.CHANNELS_PROPERTY, "true");
            }
        } finally {
            Transport.shutdown(group);
        }
    }
}
