package io.virtbench.oltp.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The accounts of a throwaway MariaDB, set by its {@code --init-file} before it accepts a
 * connection: root only through the unix socket (whose directory only the server's user can
 * enter), root from 127.0.0.1 only with a random password the owning JVM holds in memory, no
 * other account of {@code mariadb-install-db}'s, and the benchmark user with the privileges the
 * OLTP workload needs on its own database and nothing else (no FILE, no GRANT, no global
 * privilege). The init file holds password hashes only, never a password.
 */
final class MariaDbAccounts {
    /** What sysbench's and virtbench's prepare, run and cleanup do: tables, an index, rows. */
    static final String BENCH_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE, CREATE, DROP, INDEX";

    /** A database, a user on it and the user's password. */
    record Bench(String db, String user, String password) {
    }

    private MariaDbAccounts() {
    }

    /** 32 random characters from a secure source. */
    static String randomPassword() {
        SecureRandom r = new SecureRandom();
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    /** mysql_native_password's stored form: '*' and SHA1(SHA1(password)) in upper-case hex. */
    static String nativeHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().formatHex(sha1.digest(once)).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }

    /** The init file's SQL; {@code bench} may be null (the benchmark user is then made later by root). */
    static String initSql(String rootPassword, Bench bench) {
        StringBuilder b = new StringBuilder();
        // install-db's extra accounts (root on other hosts, the OS user's socket account, anonymous ones)
        b.append("DELETE FROM mysql.global_priv WHERE User NOT IN ('root', 'mariadb.sys', 'PUBLIC') ")
                .append("OR (User = 'root' AND Host <> 'localhost');\n");
        b.append("DELETE FROM mysql.proxies_priv WHERE NOT (User = 'root' AND Host = 'localhost');\n");
        b.append("FLUSH PRIVILEGES;\n");
        b.append("ALTER USER 'root'@'localhost' IDENTIFIED VIA unix_socket;\n");
        b.append("CREATE OR REPLACE USER 'root'@'127.0.0.1' IDENTIFIED BY PASSWORD '").append(nativeHash(rootPassword)).append("';\n");
        b.append("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;\n");
        if (bench != null) {
            b.append(benchSql(bench.db(), bench.user(), bench.password())).append('\n');
        }
        return b.toString();
    }

    /**
     * Database {@code db} and, unless {@code user} is root, {@code user}@'%' with
     * {@link #BENCH_PRIVILEGES} on it; statements separated by ";\n".
     */
    static String benchSql(String db, String user, String password) {
        String d = "`" + db.replace("`", "``") + "`";
        StringBuilder b = new StringBuilder("CREATE DATABASE IF NOT EXISTS ").append(d).append(";\n");
        if (!"root".equals(user)) {
            String u = quote(user) + "@'%'";
            // an empty password stays empty (sysbench's default); the server has no hash that matches ""
            String auth = password.isEmpty() ? "''" : "PASSWORD '" + nativeHash(password) + "'";
            b.append("CREATE USER IF NOT EXISTS ").append(u).append(" IDENTIFIED BY ").append(auth).append(";\n");
            b.append("GRANT ").append(BENCH_PRIVILEGES).append(" ON ").append(d).append(".* TO ").append(u).append(";\n");
        }
        return b.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
