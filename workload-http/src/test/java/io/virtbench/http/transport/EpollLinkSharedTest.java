package io.virtbench.http.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EpollLinkSharedTest {
    @Test
    void anEarlyWriteThatKeepsMissingIsGivenUp() {
        EpollLink.Shared s = new EpollLink.Shared(null);
        for (int i = 0; i < 100; i++) {
            s.earlyTries++;
            if (i % 10 == 0) {
                s.missed();
            }
        }
        assertTrue(s.writeAtConnect, "a tenth missing: keep writing early");
        EpollLink.Shared remote = new EpollLink.Shared(null);
        for (int i = 0; i < 15; i++) {
            remote.earlyTries++;
            remote.missed();
        }
        assertTrue(remote.writeAtConnect, "not before 16 misses");
        remote.earlyTries++;
        remote.missed();
        assertFalse(remote.writeAtConnect, "every try missing (a real network): stop after 16");
    }
}
