package io.virtbench.net.protocol;

/** Which way this side's streams carry data (iperf3's {@code test->mode}: 1, 0 and -1). */
public enum Mode {
    SENDER,
    RECEIVER,
    BIDIRECTIONAL;

    private static final boolean[] SENDERS = {true};
    private static final boolean[] RECEIVERS = {false};
    private static final boolean[] SENDERS_FIRST = {true, false};
    private static final boolean[] RECEIVERS_FIRST = {false, true};

    /** The mode of one side: the client sends unless -R, the server the other way round; --bidir both. */
    public static Mode of(Role role, boolean reverse, boolean bidirectional) {
        if (bidirectional) {
            return BIDIRECTIONAL;
        }
        return (role == Role.CLIENT) != reverse ? SENDER : RECEIVER;
    }

    /**
     * The groups of streams a report sums, in iperf3's order: its loop runs {@code current} from
     * -1 to 0 on a bidirectional client and from 0 to 1 on the server (1 and -1 are the senders).
     * Shared arrays: callers must not change them.
     */
    public boolean[] sumOrder(Role role) {
        return switch (this) {
            case SENDER -> SENDERS;
            case RECEIVER -> RECEIVERS;
            case BIDIRECTIONAL -> role == Role.CLIENT ? SENDERS_FIRST : RECEIVERS_FIRST;
        };
    }
}
