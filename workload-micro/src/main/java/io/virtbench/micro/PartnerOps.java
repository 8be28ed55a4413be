package io.virtbench.micro;

import io.virtbench.core.harness.Counters;
import io.virtbench.core.harness.Worker;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.util.concurrent.locks.LockSupport;

/**
 * The operations that need a second thread: a thread switch (park/unpark, futex underneath) and
 * a pipe round trip. Each worker starts its own daemon partner and stops it when closed.
 */
final class PartnerOps {
    private PartnerOps() {
    }

    /** Starts a switch worker whose partner wakes the calling (harness worker) thread. */
    static Worker pingPong() {
        return new PingPong(Thread.currentThread());
    }

    /**
     * One event is one round trip: the worker makes {@code seq} odd and unparks the partner, the
     * partner makes it even and unparks the worker. Each side parks only while it is not its turn,
     * so a wake-up that arrives before the park costs no sleep.
     */
    private static final class PingPong implements Worker {
        private final Thread owner;
        private final Thread partner;
        private volatile long seq;
        private volatile boolean stop;

        PingPong(Thread owner) {
            this.owner = owner;
            this.partner = new Thread(this::serve, owner.getName() + "-partner");
            partner.setDaemon(true);
            partner.start();
        }

        private void serve() {
            while (true) {
                while ((seq & 1) == 0 && !stop) {
                    LockSupport.park(this);
                }
                if (stop) {
                    return;
                }
                seq++;
                LockSupport.unpark(owner);
            }
        }

        @Override
        public void event(Counters counters) {
            seq++;
            LockSupport.unpark(partner);
            while ((seq & 1) == 1 && !stop) {
                LockSupport.park(this);
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop = true;
            LockSupport.unpark(partner);
            partner.join();
        }
    }

    /** A pipe round trip: write a byte into one pipe, an echo thread copies it into a second, read it back. */
    static Worker pipe() throws IOException {
        Pipe there = Pipe.open();
        Pipe back;
        try {
            back = Pipe.open();
        } catch (IOException e) {
            there.sink().close();
            there.source().close();
            throw e;
        }
        return new PipeRoundTrip(there, back);
    }

    private static final class PipeRoundTrip implements Worker {
        private final Pipe there;
        private final Pipe back;
        private final ByteBuffer out = ByteBuffer.allocateDirect(1);
        private final ByteBuffer in = ByteBuffer.allocateDirect(1);
        private final Thread echo;
        private volatile IOException echoFailure;

        PipeRoundTrip(Pipe there, Pipe back) {
            this.there = there;
            this.back = back;
            this.echo = new Thread(this::echo, Thread.currentThread().getName() + "-echo");
            echo.setDaemon(true);
            echo.start();
        }

        /** Copies each byte from the first pipe into the second until the first one ends. */
        private void echo() {
            ByteBuffer b = ByteBuffer.allocateDirect(1);
            try {
                while (true) {
                    b.clear();
                    if (there.source().read(b) < 0) {
                        return;
                    }
                    b.flip();
                    while (b.hasRemaining()) {
                        back.sink().write(b);
                    }
                }
            } catch (IOException e) {
                echoFailure = e;
                try {
                    back.sink().close();
                } catch (IOException ignored) {
                    // the worker sees the end of the pipe and reports echoFailure
                }
            }
        }

        @Override
        public void event(Counters counters) throws IOException {
            out.clear();
            while (out.hasRemaining()) {
                there.sink().write(out);
            }
            in.clear();
            if (back.source().read(in) < 0) {
                IOException f = echoFailure;
                throw f != null ? f : new EOFException("the pipe's echo thread ended");
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            there.sink().close();
            echo.join();
            there.source().close();
            back.sink().close();
            back.source().close();
        }
    }
}
