package io.quarry.jdbc;

import io.quarry.sql.ParameterizedSql;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement with {@code ?} parameters. Each value is substituted into the SQL as a literal of its
 * type (strings quoted with quotes doubled) right before execution; markers inside literals, quoted
 * identifiers and comments are left alone.
 */
final class QuarryPreparedStatement extends QuarryStatement implements PreparedStatement {
  private final ParameterizedSql sql;
  private final String[] literals;
  private final int[] types;
  private ResultSetMetaData lastMetaData;

  QuarryPreparedStatement(QuarryConnection connection, String sql) {
    super(connection);
    this.sql = ParameterizedSql.parse(sql);
    this.literals = new String[this.sql.parameterCount()];
    this.types = new int[this.sql.parameterCount()];
    Arrays.fill(types, Types.OTHER);
  }

  static SQLException unsupportedParameter(String method) {
    return new SQLFeatureNotSupportedException(
        "PreparedStatement." + method + " is not supported: Quarry has no binary or LOB types",
        "0A000");
  }

  private void set(int parameterIndex, Object value, int sqlType) throws SQLException {
    checkOpen();
    if (parameterIndex < 1 || parameterIndex > literals.length) {
      throw new SQLException(
          "Parameter index " + parameterIndex + " out of range 1.." + literals.length, "07009");
    }
    literals[parameterIndex - 1] = SqlLiterals.literal(value);
    types[parameterIndex - 1] = sqlType;
  }

  private String boundSql() throws SQLException {
    List<String> values = new ArrayList<>(Arrays.asList(literals));
    try {
      return sql.bind(values);
    } catch (ParameterizedSql.UnsetParameterException e) {
      throw new SQLException(e.getMessage(), "07001", e);
    }
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    ResultSet rs = run(boundSql());
    lastMetaData = rs.getMetaData();
    return rs;
  }

  @Override
  public boolean execute() throws SQLException {
    executeQuery();
    return true;
  }

  @Override
  public int executeUpdate() throws SQLException {
    throw noUpdates();
  }

  @Override
  public void addBatch() throws SQLException {
    throw noUpdates();
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    throw new SQLException("executeQuery(String) cannot be called on a PreparedStatement", "HY000");
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    throw new SQLException("execute(String) cannot be called on a PreparedStatement", "HY000");
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
    Arrays.fill(literals, null);
    Arrays.fill(types, Types.OTHER);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return lastMetaData;
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkOpen();
    return new QuarryParameterMetaData(types.clone());
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    set(parameterIndex, null, sqlType);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    set(parameterIndex, null, sqlType);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    set(parameterIndex, x, Types.BOOLEAN);
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    set(parameterIndex, x, Types.TINYINT);
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    set(parameterIndex, x, Types.SMALLINT);
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    set(parameterIndex, x, Types.INTEGER);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    set(parameterIndex, x, Types.BIGINT);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    set(parameterIndex, x, Types.REAL);
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    set(parameterIndex, x, Types.DOUBLE);
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    set(parameterIndex, x, Types.DECIMAL);
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    set(parameterIndex, x, Types.VARCHAR);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    set(parameterIndex, value, Types.VARCHAR);
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    set(parameterIndex, x, Types.DATE);
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    setDate(parameterIndex, x == null || cal == null ? x : Date.valueOf(localDate(x, cal)));
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    set(parameterIndex, x, Types.TIME);
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    setTime(parameterIndex, x);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    set(parameterIndex, x, Types.TIMESTAMP);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    if (x == null || cal == null) {
      setTimestamp(parameterIndex, x);
      return;
    }
    java.time.LocalDateTime t =
        java.time.LocalDateTime.ofInstant(x.toInstant(), cal.getTimeZone().toZoneId());
    set(parameterIndex, t, Types.TIMESTAMP);
  }

  private static java.time.LocalDate localDate(Date d, Calendar cal) {
    return java.time.Instant.ofEpochMilli(d.getTime())
        .atZone(cal.getTimeZone().toZoneId())
        .toLocalDate();
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    set(parameterIndex, x, x == null ? Types.NULL : Types.JAVA_OBJECT);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    set(parameterIndex, x, targetSqlType);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    set(parameterIndex, x, targetSqlType);
  }

  @Override
  public void setBytes(int columnIndex, byte[] value) throws SQLException {
    throw unsupportedParameter("setBytes");
  }

  @Override
  public void setAsciiStream(int columnIndex, java.io.InputStream value, int length)
      throws SQLException {
    throw unsupportedParameter("setAsciiStream");
  }

  @Override
  public void setUnicodeStream(int columnIndex, java.io.InputStream value, int length)
      throws SQLException {
    throw unsupportedParameter("setUnicodeStream");
  }

  @Override
  public void setBinaryStream(int columnIndex, java.io.InputStream value, int length)
      throws SQLException {
    throw unsupportedParameter("setBinaryStream");
  }

  @Override
  public void setCharacterStream(int columnIndex, java.io.Reader value, int length)
      throws SQLException {
    throw unsupportedParameter("setCharacterStream");
  }

  @Override
  public void setRef(int columnIndex, Ref value) throws SQLException {
    throw unsupportedParameter("setRef");
  }

  @Override
  public void setBlob(int columnIndex, Blob value) throws SQLException {
    throw unsupportedParameter("setBlob");
  }

  @Override
  public void setClob(int columnIndex, Clob value) throws SQLException {
    throw unsupportedParameter("setClob");
  }

  @Override
  public void setArray(int columnIndex, Array value) throws SQLException {
    throw unsupportedParameter("setArray");
  }

  @Override
  public void setURL(int columnIndex, java.net.URL value) throws SQLException {
    throw unsupportedParameter("setURL");
  }

  @Override
  public void setRowId(int columnIndex, RowId value) throws SQLException {
    throw unsupportedParameter("setRowId");
  }

  @Override
  public void setNCharacterStream(int columnIndex, java.io.Reader value, long length)
      throws SQLException {
    throw unsupportedParameter("setNCharacterStream");
  }

  @Override
  public void setNClob(int columnIndex, NClob value) throws SQLException {
    throw unsupportedParameter("setNClob");
  }

  @Override
  public void setClob(int columnIndex, java.io.Reader value, long length) throws SQLException {
    throw unsupportedParameter("setClob");
  }

  @Override
  public void setBlob(int columnIndex, java.io.InputStream value, long length) throws SQLException {
    throw unsupportedParameter("setBlob");
  }

  @Override
  public void setNClob(int columnIndex, java.io.Reader value, long length) throws SQLException {
    throw unsupportedParameter("setNClob");
  }

  @Override
  public void setSQLXML(int columnIndex, SQLXML value) throws SQLException {
    throw unsupportedParameter("setSQLXML");
  }

  @Override
  public void setAsciiStream(int columnIndex, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupportedParameter("setAsciiStream");
  }

  @Override
  public void setBinaryStream(int columnIndex, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupportedParameter("setBinaryStream");
  }

  @Override
  public void setCharacterStream(int columnIndex, java.io.Reader value, long length)
      throws SQLException {
    throw unsupportedParameter("setCharacterStream");
  }

  @Override
  public void setAsciiStream(int columnIndex, java.io.InputStream value) throws SQLException {
    throw unsupportedParameter("setAsciiStream");
  }

  @Override
  public void setBinaryStream(int columnIndex, java.io.InputStream value) throws SQLException {
    throw unsupportedParameter("setBinaryStream");
  }

  @Override
  public void setCharacterStream(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupportedParameter("setCharacterStream");
  }

  @Override
  public void setNCharacterStream(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupportedParameter("setNCharacterStream");
  }

  @Override
  public void setClob(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupportedParameter("setClob");
  }

  @Override
  public void setBlob(int columnIndex, java.io.InputStream value) throws SQLException {
    throw unsupportedParameter("setBlob");
  }

  @Override
  public void setNClob(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupportedParameter("setNClob");
  }
}
