package io.quarry.jdbc;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Parameters of a prepared statement. Quarry substitutes parameters as literals, so a parameter's
 * type is the JDBC type it was set with ({@code OTHER} until set).
 */
final class QuarryParameterMetaData implements ParameterMetaData {
  private final int[] types;

  QuarryParameterMetaData(int[] types) {
    this.types = types;
  }

  private int type(int param) throws SQLException {
    if (param < 1 || param > types.length) {
      throw new SQLException(
          "Parameter index " + param + " out of range 1.." + types.length, "07009");
    }
    return types[param - 1];
  }

  @Override
  public int getParameterCount() {
    return types.length;
  }

  @Override
  public int isNullable(int param) throws SQLException {
    type(param);
    return parameterNullable;
  }

  @Override
  public boolean isSigned(int param) throws SQLException {
    int t = type(param);
    return t == Types.INTEGER
        || t == Types.BIGINT
        || t == Types.SMALLINT
        || t == Types.TINYINT
        || t == Types.DOUBLE
        || t == Types.REAL
        || t == Types.DECIMAL;
  }

  @Override
  public int getPrecision(int param) throws SQLException {
    type(param);
    return 0;
  }

  @Override
  public int getScale(int param) throws SQLException {
    type(param);
    return 0;
  }

  @Override
  public int getParameterType(int param) throws SQLException {
    return type(param);
  }

  @Override
  public String getParameterTypeName(int param) throws SQLException {
    return java.sql.JDBCType.valueOf(type(param)).getName();
  }

  @Override
  public String getParameterClassName(int param) throws SQLException {
    type(param);
    return Object.class.getName();
  }

  @Override
  public int getParameterMode(int param) throws SQLException {
    type(param);
    return parameterModeIn;
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
}
