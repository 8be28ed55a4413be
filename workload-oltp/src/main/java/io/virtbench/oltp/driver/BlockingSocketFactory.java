package io.virtbench.oltp.driver;

import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.protocol.StandardSocketFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.channels.SocketChannel;

/**
 * Connector/J's standard socket factory (same options: TCP_NODELAY, keep-alive, timeouts, TLS),
 * but with the socket of a blocking {@link SocketChannel}: while no read timeout is set, a read
 * is one blocking {@code read(2)}, as libmysqlclient's. {@code new Socket()} (the JDK's
 * {@code NioSocketImpl}) keeps the descriptor non-blocking and reads with a failed {@code read},
 * a {@code poll} and a second {@code read} whenever the reply has not arrived yet — every
 * statement, since the client sends and then waits. Its input stream's {@code available()}
 * makes no system call ({@link ChannelSocket}). Named by virtbench's JDBC URL
 * ({@code socketFactory}).
 */
public final class BlockingSocketFactory extends StandardSocketFactory {
    @Override
    protected Socket createSocket(PropertySet props) {
        try {
            return new ChannelSocket(SocketChannel.open());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
