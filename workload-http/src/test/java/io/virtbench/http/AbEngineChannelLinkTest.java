package io.virtbench.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every {@link AbEngineTest} case again over Netty channels ({@link ChannelLink}), the path
 * taken where bare epoll sockets cannot run. (On Linux the tests above run over {@link EpollLink}.)
 */
class AbEngineChannelLinkTest extends AbEngineTest {
    static final String CHANNELS = "virtbench.http.channels";

    @BeforeAll
    static void overChannels() {
        System.setProperty(CHANNELS, "true");
    }

    @AfterAll
    static void back() {
        System.clearProperty(CHANNELS);
    }

    @Test
    void theseTestsRunOverChannels() {
        assertTrue(Boolean.getBoolean(CHANNELS));
    }
}
