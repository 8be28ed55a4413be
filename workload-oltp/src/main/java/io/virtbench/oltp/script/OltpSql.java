package io.virtbench.oltp.script;

/**
 * The exact SQL of sysbench 1.0.20's oltp_common.lua: table definition, bulk insert, index,
 * the nine statement kinds of a transaction (with {@code ?} placeholders), BEGIN and COMMIT.
 */
public final class OltpSql {
    private OltpSql() {
    }

    /** The statement kinds, in the order sysbench's stmt_defs lists them. */
    public enum Kind {
        POINT_SELECTS("SELECT c FROM sbtest%d WHERE id=?"),
        SIMPLE_RANGES("SELECT c FROM sbtest%d WHERE id BETWEEN ? AND ?"),
        SUM_RANGES("SELECT SUM(k) FROM sbtest%d WHERE id BETWEEN ? AND ?"),
        ORDER_RANGES("SELECT c FROM sbtest%d WHERE id BETWEEN ? AND ? ORDER BY c"),
        DISTINCT_RANGES("SELECT DISTINCT c FROM sbtest%d WHERE id BETWEEN ? AND ? ORDER BY c"),
        INDEX_UPDATES("UPDATE sbtest%d SET k=k+1 WHERE id=?"),
        NON_INDEX_UPDATES("UPDATE sbtest%d SET c=? WHERE id=?"),
        DELETES("DELETE FROM sbtest%d WHERE id=?"),
        INSERTS("INSERT INTO sbtest%d (id, k, c, pad) VALUES (?, ?, ?, ?)");

        private final String template;

        Kind(String template) {
            this.template = template;
        }

        /** The statement for table {@code table}, with {@code ?} placeholders. */
        public String sql(int table) {
            return String.format(java.util.Locale.ROOT, template, table);
        }

        /** The text around the placeholders: {@code parts[0] ? parts[1] ? ... parts[n]}. */
        public String[] parts(int table) {
            return sql(table).split("\\?", -1);
        }
    }

    public static final String BEGIN = "BEGIN";
    public static final String COMMIT = "COMMIT";
    /** Ends the JIT warm-up's transactions, which must leave the tables as they were. */
    public static final String ROLLBACK = "ROLLBACK";

    /** 10 groups of 11 digits, 119 characters: the c column. */
    public static final String C_TEMPLATE = "###########-###########-###########-"
            + "###########-###########-###########-"
            + "###########-###########-###########-"
            + "###########";
    /** 5 groups of 11 digits, 59 characters: the pad column. */
    public static final String PAD_TEMPLATE = "###########-###########-###########-"
            + "###########-###########";

    /** CREATE TABLE exactly as oltp_common.lua's create_table() sends it to MySQL. */
    public static String createTable(int table, OltpOptions o) {
        String idDef = o.autoInc() ? "INTEGER NOT NULL AUTO_INCREMENT" : "INTEGER NOT NULL";
        String idIndexDef = o.secondary() ? "KEY xid" : "PRIMARY KEY";
        String engineDef = "/*! ENGINE = " + o.storageEngine() + " */";
        String extra = "";
        return "CREATE TABLE sbtest" + table + "(\n"
                + "  id " + idDef + ",\n"
                + "  k INTEGER DEFAULT '0' NOT NULL,\n"
                + "  c CHAR(120) DEFAULT '' NOT NULL,\n"
                + "  pad CHAR(60) DEFAULT '' NOT NULL,\n"
                + "  " + idIndexDef + " (id)\n"
                + ") " + engineDef + " " + extra;
    }

    /** The prefix of prepare's multi-row INSERT; tuples follow directly, separated by commas. */
    public static String insertPrefix(int table, boolean autoInc) {
        return autoInc ? "INSERT INTO sbtest" + table + "(k, c, pad) VALUES"
                : "INSERT INTO sbtest" + table + "(id, k, c, pad) VALUES";
    }

    public static String createIndex(int table) {
        return "CREATE INDEX k_" + table + " ON sbtest" + table + "(k)";
    }

    public static String dropTable(int table) {
        return "DROP TABLE IF EXISTS sbtest" + table;
    }
}
