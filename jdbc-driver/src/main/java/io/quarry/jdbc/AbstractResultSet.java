package io.quarry.jdbc;

import static java.util.Objects.requireNonNull;

import io.quarry.types.Column;
import io.quarry.types.DataType;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.List;
import java.util.Map;

/**
 * A forward-only cursor over rows whose cells are in the canonical Java form of their Quarry type;
 * subclasses supply the rows (Arrow batches of a query, or in-memory rows for metadata) and this
 * class does every JDBC getter and conversion.
 */
abstract class AbstractResultSet extends ForwardOnlyResultSet {
  private final Statement statement;
  private final List<Column> columns;
  private boolean closed;
  private boolean wasNull;
  private int row;
  private boolean afterLast;
  private int fetchSize;

  AbstractResultSet(Statement statement, List<Column> columns) {
    this.statement = statement;
    this.columns = List.copyOf(requireNonNull(columns, "columns is null"));
  }

  /** Moves to the next row; false at the end. */
  protected abstract boolean advance() throws SQLException;

  /** The cell of the current row at the 0-based column. */
  protected abstract Object cell(int column);

  /** Releases the rows; called once. */
  protected abstract void release() throws SQLException;

  List<Column> columns() {
    return columns;
  }

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (afterLast) {
      return false;
    }
    if (advance()) {
      row++;
      return true;
    }
    afterLast = true;
    return false;
  }

  @Override
  public void close() throws SQLException {
    if (!closed) {
      closed = true;
      release();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw new SQLException("ResultSet is closed", "24000");
    }
  }

  private Object value(int columnIndex) throws SQLException {
    checkOpen();
    if (columnIndex < 1 || columnIndex > columns.size()) {
      throw new SQLException(
          "Column index " + columnIndex + " out of range 1.." + columns.size(), "07009");
    }
    if (row == 0 || afterLast) {
      throw new SQLException("ResultSet is not positioned on a row (call next())", "24000");
    }
    Object v = cell(columnIndex - 1);
    wasNull = v == null;
    return v;
  }

  private DataType type(int columnIndex) {
    return columns.get(columnIndex - 1).type();
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return wasNull;
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    checkOpen();
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(columnLabel)) {
        return i + 1;
      }
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equalsIgnoreCase(columnLabel)) {
        return i + 1;
      }
    }
    throw new SQLException("No column named '" + columnLabel + "' in this result", "42S22");
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    return JdbcValues.toString(value(columnIndex), type(columnIndex));
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return JdbcValues.toBoolean(value(columnIndex));
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return (byte)
        JdbcValues.toLong(
            value(columnIndex), type(columnIndex), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return (short)
        JdbcValues.toLong(
            value(columnIndex), type(columnIndex), Short.MIN_VALUE, Short.MAX_VALUE, "short");
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return (int)
        JdbcValues.toLong(
            value(columnIndex), type(columnIndex), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return JdbcValues.toLong(
        value(columnIndex), type(columnIndex), Long.MIN_VALUE, Long.MAX_VALUE, "long");
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return (float) JdbcValues.toDouble(value(columnIndex));
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return JdbcValues.toDouble(value(columnIndex));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int columnIndex, int scale) throws SQLException {
    BigDecimal d = getBigDecimal(columnIndex);
    return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return JdbcValues.toBigDecimal(value(columnIndex));
  }

  @Override
  public byte[] getBytes(int columnIndex) throws SQLException {
    String s = getString(columnIndex);
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Date getDate(int columnIndex) throws SQLException {
    return JdbcValues.toDate(value(columnIndex), type(columnIndex), null);
  }

  @Override
  public Date getDate(int columnIndex, Calendar cal) throws SQLException {
    return JdbcValues.toDate(value(columnIndex), type(columnIndex), cal);
  }

  @Override
  public Time getTime(int columnIndex) throws SQLException {
    return JdbcValues.toTime(value(columnIndex), type(columnIndex), null);
  }

  @Override
  public Time getTime(int columnIndex, Calendar cal) throws SQLException {
    return JdbcValues.toTime(value(columnIndex), type(columnIndex), cal);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex) throws SQLException {
    return JdbcValues.toTimestamp(value(columnIndex), type(columnIndex), null);
  }

  @Override
  public Timestamp getTimestamp(int columnIndex, Calendar cal) throws SQLException {
    return JdbcValues.toTimestamp(value(columnIndex), type(columnIndex), cal);
  }

  @Override
  public InputStream getAsciiStream(int columnIndex) throws SQLException {
    String s = getString(columnIndex);
    return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public InputStream getBinaryStream(int columnIndex) throws SQLException {
    byte[] b = getBytes(columnIndex);
    return b == null ? null : new ByteArrayInputStream(b);
  }

  @Override
  public Reader getCharacterStream(int columnIndex) throws SQLException {
    String s = getString(columnIndex);
    return s == null ? null : new StringReader(s);
  }

  @Override
  public String getNString(int columnIndex) throws SQLException {
    return getString(columnIndex);
  }

  @Override
  public Reader getNCharacterStream(int columnIndex) throws SQLException {
    return getCharacterStream(columnIndex);
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return JdbcValues.toObject(value(columnIndex), type(columnIndex));
  }

  @Override
  public Object getObject(int columnIndex, Map<String, Class<?>> map) throws SQLException {
    return getObject(columnIndex);
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    return JdbcValues.toObject(value(columnIndex), type(columnIndex), type);
  }

  // Getters by label delegate to the ones by index.

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return getBoolean(findColumn(columnLabel));
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return getFloat(findColumn(columnLabel));
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return getDouble(findColumn(columnLabel));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String columnLabel, int scale) throws SQLException {
    return getBigDecimal(findColumn(columnLabel), scale);
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return getBigDecimal(findColumn(columnLabel));
  }

  @Override
  public byte[] getBytes(String columnLabel) throws SQLException {
    return getBytes(findColumn(columnLabel));
  }

  @Override
  public Date getDate(String columnLabel) throws SQLException {
    return getDate(findColumn(columnLabel));
  }

  @Override
  public Date getDate(String columnLabel, Calendar cal) throws SQLException {
    return getDate(findColumn(columnLabel), cal);
  }

  @Override
  public Time getTime(String columnLabel) throws SQLException {
    return getTime(findColumn(columnLabel));
  }

  @Override
  public Time getTime(String columnLabel, Calendar cal) throws SQLException {
    return getTime(findColumn(columnLabel), cal);
  }

  @Override
  public Timestamp getTimestamp(String columnLabel) throws SQLException {
    return getTimestamp(findColumn(columnLabel));
  }

  @Override
  public Timestamp getTimestamp(String columnLabel, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(columnLabel), cal);
  }

  @Override
  public InputStream getAsciiStream(String columnLabel) throws SQLException {
    return getAsciiStream(findColumn(columnLabel));
  }

  @Override
  public InputStream getBinaryStream(String columnLabel) throws SQLException {
    return getBinaryStream(findColumn(columnLabel));
  }

  @Override
  public Reader getCharacterStream(String columnLabel) throws SQLException {
    return getCharacterStream(findColumn(columnLabel));
  }

  @Override
  public String getNString(String columnLabel) throws SQLException {
    return getNString(findColumn(columnLabel));
  }

  @Override
  public Reader getNCharacterStream(String columnLabel) throws SQLException {
    return getNCharacterStream(findColumn(columnLabel));
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public Object getObject(String columnLabel, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(columnLabel), map);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  // Cursor state and properties.

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return new QuarryResultSetMetaData(columns);
  }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public String getCursorName() throws SQLException {
    throw unsupported("getCursorName");
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return row == 0 && !afterLast;
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return afterLast && row > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return row == 1 && !afterLast;
  }

  @Override
  public boolean isLast() throws SQLException {
    throw unsupported("isLast");
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return afterLast ? 0 : row;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != ResultSet.FETCH_FORWARD) {
      throw new SQLException("Only FETCH_FORWARD is supported", "HY024");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw new SQLException("Fetch size must be >= 0: " + rows, "HY024");
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getType() throws SQLException {
    checkOpen();
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("Not a wrapper for " + iface.getName(), "HY000");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + columns.stream().map(Column::name).toList();
  }
}
