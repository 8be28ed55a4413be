package io.virtbench.oltp.driver;

import com.mysql.cj.protocol.ColumnDefinition;
import com.mysql.cj.protocol.ProtocolEntity;
import com.mysql.cj.protocol.ProtocolEntityFactory;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ResultsetRows;
import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.result.OkPacket;

/** What the driver's reader makes of a result: only what sysbench's counting needs. */
final class DriverOutcome implements Resultset {
    private ColumnDefinition columns;
    private final ResultsetRows rows;
    private final long updateCount;
    private Resultset next;

    DriverOutcome(ResultsetRows rows) {
        this.rows = rows;
        this.columns = rows.getMetadata();
        this.updateCount = rows.size();
    }

    DriverOutcome(OkPacket ok) {
        this.rows = null;
        this.updateCount = ok.getUpdateCount();
    }

    @Override
    public void setColumnDefinition(ColumnDefinition metadata) {
        this.columns = metadata;
    }

    @Override
    public ColumnDefinition getColumnDefinition() {
        return columns;
    }

    @Override
    public boolean hasRows() {
        return rows != null;
    }

    @Override
    public ResultsetRows getRows() {
        return rows;
    }

    @Override
    public void initRowsWithMetadata() {
        if (rows != null && columns != null) {
            rows.setMetadata(columns);
        }
    }

    @Override
    public int getResultId() {
        return 0;
    }

    @Override
    public void setNextResultset(Resultset nextResultset) {
        this.next = nextResultset;
    }

    @Override
    public Resultset getNextResultset() {
        return next;
    }

    @Override
    public void clearNextResultset() {
        next = null;
    }

    @Override
    public long getUpdateCount() {
        return updateCount;
    }

    @Override
    public long getUpdateID() {
        return 0;
    }

    @Override
    public String getServerInfo() {
        return null;
    }

    /** Makes outcomes; all rows are read before the statement returns (no streaming). */
    static final ProtocolEntityFactory<DriverOutcome, NativePacketPayload> OUTCOMES = new ProtocolEntityFactory<>() {
        @Override
        public Resultset.Type getResultSetType() {
            return Resultset.Type.FORWARD_ONLY;
        }

        @Override
        public Resultset.Concurrency getResultSetConcurrency() {
            return Resultset.Concurrency.READ_ONLY;
        }

        @Override
        public int getFetchSize() {
            return 0;
        }

        @Override
        public DriverOutcome createFromProtocolEntity(ProtocolEntity entity) {
            if (entity instanceof OkPacket ok) {
                return new DriverOutcome(ok);
            }
            if (entity instanceof ResultsetRows rows) {
                return new DriverOutcome(rows);
            }
            throw new IllegalStateException("unexpected protocol entity " + entity.getClass().getName());
        }
    };
}
