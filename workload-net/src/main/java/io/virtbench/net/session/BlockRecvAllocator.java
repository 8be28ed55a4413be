package io.virtbench.net.session;

import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;

/**
 * Reads of a fixed size that can be set after the channel exists: iperf3 reads at most one block
 * ({@code -l}) per read(2), but the server learns the block size only from the parameters, after
 * its data connections were accepted (and Netty fixes a channel's read handle at its first read).
 */
public final class BlockRecvAllocator extends DefaultMaxMessagesRecvByteBufAllocator {
    private volatile int size;

    public BlockRecvAllocator(int size) {
        this.size = size;
    }

    public void size(int bytes) {
        this.size = bytes;
    }

    @SuppressWarnings("deprecation")
    @Override
    public Handle newHandle() {
        return new MaxMessageHandle() {
            @Override
            public int guess() {
                return size;
            }
        };
    }
}
