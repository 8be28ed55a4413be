package io.virtbench.http.server;

/**
 * The {@code /db} route's database access, kept behind this interface so that the server loads
 * no JDBC or HikariCP class unless {@code --db-url} is given (see {@link #open}).
 */
public interface SbtestReader extends AutoCloseable {

    /** Column {@code c} of sbtest1's row {@code id}, or null if there is no such row. */
    String read(int id) throws Exception;

    @Override
    void close();

    /** Opens the pool; the implementation class is loaded by name only here. */
    static SbtestReader open(ServeOptions o) throws Exception {
        Class<?> impl = Class.forName("io.virtbench.http.server.HikariSbtestReader");
        return (SbtestReader) impl.getDeclaredConstructor(ServeOptions.class).newInstance(o);
    }
}
