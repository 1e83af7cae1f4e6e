package io.quarry.jdbc;

import static java.util.Objects.requireNonNull;

import io.quarry.node.engine.QueryResult;
import java.sql.SQLException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The rows of a query, read batch by batch from the engine's Arrow stream. Each batch is closed as
 * soon as the cursor leaves it, so memory stays at one batch; {@code maxRows} (0 = no limit) cuts
 * the stream short as Statement.setMaxRows asks.
 */
final class ArrowResultSet extends AbstractResultSet {
  private final QueryResult result;
  private final long maxRows;
  private VectorSchemaRoot batch;
  private FieldVector[] vectors;
  private int rowInBatch;
  private long rowsRead;

  private final QuarryStatement statement;

  ArrowResultSet(QuarryStatement statement, QueryResult result, long maxRows) {
    super(statement, result.columns());
    this.statement = statement;
    this.result = requireNonNull(result, "result is null");
    this.maxRows = maxRows;
  }

  @Override
  protected boolean advance() throws SQLException {
    if (maxRows > 0 && rowsRead >= maxRows) {
      closeBatch();
      return false;
    }
    try {
      while (batch == null || rowInBatch + 1 >= batch.getRowCount()) {
        closeBatch();
        batch = result.next();
        if (batch == null) {
          return false;
        }
        vectors = batch.getFieldVectors().toArray(new FieldVector[0]);
        rowInBatch = -1;
      }
    } catch (RuntimeException e) {
      throw SqlStates.toSqlException(e);
    }
    rowInBatch++;
    rowsRead++;
    return true;
  }

  @Override
  protected Object cell(int column) {
    return ArrowValues.read(vectors[column], rowInBatch, columns().get(column).type());
  }

  private void closeBatch() {
    if (batch != null) {
      batch.close();
      batch = null;
      vectors = null;
    }
  }

  /** Also unwraps to the engine's {@link QueryResult}, for its statistics (peak memory). */
  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface == QueryResult.class ? iface.cast(result) : super.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface == QueryResult.class || super.isWrapperFor(iface);
  }

  @Override
  protected void release() throws SQLException {
    try {
      closeBatch();
      result.close();
      statement.resultClosed(this);
    } catch (RuntimeException e) {
      throw SqlStates.toSqlException(e);
    } catch (Exception e) {
      throw new SQLException("Failed to close the query result: " + e.getMessage(), "XX000", e);
    }
  }
}
