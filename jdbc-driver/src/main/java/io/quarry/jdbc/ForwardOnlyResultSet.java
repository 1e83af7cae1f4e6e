package io.quarry.jdbc;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;

/**
 * The part of {@link ResultSet} a forward-only, read-only cursor refuses: updates, scrolling and
 * LOB/array/ref values, which Quarry's types do not have.
 */
abstract class ForwardOnlyResultSet implements ResultSet {
  static SQLException unsupported(String method) {
    return new SQLFeatureNotSupportedException(
        "ResultSet."
            + method
            + " is not supported: Quarry result sets are forward-only and read-only",
        "0A000");
  }

  @Override
  public java.io.InputStream getUnicodeStream(int columnIndex) throws SQLException {
    throw unsupported("getUnicodeStream");
  }

  @Override
  public java.io.InputStream getUnicodeStream(String columnLabel) throws SQLException {
    throw unsupported("getUnicodeStream");
  }

  @Override
  public void beforeFirst() throws SQLException {
    throw unsupported("beforeFirst");
  }

  @Override
  public void afterLast() throws SQLException {
    throw unsupported("afterLast");
  }

  @Override
  public boolean first() throws SQLException {
    throw unsupported("first");
  }

  @Override
  public boolean last() throws SQLException {
    throw unsupported("last");
  }

  @Override
  public boolean absolute(int columnIndex) throws SQLException {
    throw unsupported("absolute");
  }

  @Override
  public boolean relative(int columnIndex) throws SQLException {
    throw unsupported("relative");
  }

  @Override
  public boolean previous() throws SQLException {
    throw unsupported("previous");
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    throw unsupported("rowUpdated");
  }

  @Override
  public boolean rowInserted() throws SQLException {
    throw unsupported("rowInserted");
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    throw unsupported("rowDeleted");
  }

  @Override
  public void updateNull(int columnIndex) throws SQLException {
    throw unsupported("updateNull");
  }

  @Override
  public void updateBoolean(int columnIndex, boolean value) throws SQLException {
    throw unsupported("updateBoolean");
  }

  @Override
  public void updateByte(int columnIndex, byte value) throws SQLException {
    throw unsupported("updateByte");
  }

  @Override
  public void updateShort(int columnIndex, short value) throws SQLException {
    throw unsupported("updateShort");
  }

  @Override
  public void updateInt(int columnIndex, int value) throws SQLException {
    throw unsupported("updateInt");
  }

  @Override
  public void updateLong(int columnIndex, long value) throws SQLException {
    throw unsupported("updateLong");
  }

  @Override
  public void updateFloat(int columnIndex, float value) throws SQLException {
    throw unsupported("updateFloat");
  }

  @Override
  public void updateDouble(int columnIndex, double value) throws SQLException {
    throw unsupported("updateDouble");
  }

  @Override
  public void updateBigDecimal(int columnIndex, BigDecimal value) throws SQLException {
    throw unsupported("updateBigDecimal");
  }

  @Override
  public void updateString(int columnIndex, String value) throws SQLException {
    throw unsupported("updateString");
  }

  @Override
  public void updateBytes(int columnIndex, byte[] value) throws SQLException {
    throw unsupported("updateBytes");
  }

  @Override
  public void updateDate(int columnIndex, Date value) throws SQLException {
    throw unsupported("updateDate");
  }

  @Override
  public void updateTime(int columnIndex, Time value) throws SQLException {
    throw unsupported("updateTime");
  }

  @Override
  public void updateTimestamp(int columnIndex, Timestamp value) throws SQLException {
    throw unsupported("updateTimestamp");
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream value, int length)
      throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream value, int length)
      throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader value, int length)
      throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateObject(int columnIndex, Object value, int length) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateObject(int columnIndex, Object value) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateNull(String columnLabel) throws SQLException {
    throw unsupported("updateNull");
  }

  @Override
  public void updateBoolean(String columnLabel, boolean value) throws SQLException {
    throw unsupported("updateBoolean");
  }

  @Override
  public void updateByte(String columnLabel, byte value) throws SQLException {
    throw unsupported("updateByte");
  }

  @Override
  public void updateShort(String columnLabel, short value) throws SQLException {
    throw unsupported("updateShort");
  }

  @Override
  public void updateInt(String columnLabel, int value) throws SQLException {
    throw unsupported("updateInt");
  }

  @Override
  public void updateLong(String columnLabel, long value) throws SQLException {
    throw unsupported("updateLong");
  }

  @Override
  public void updateFloat(String columnLabel, float value) throws SQLException {
    throw unsupported("updateFloat");
  }

  @Override
  public void updateDouble(String columnLabel, double value) throws SQLException {
    throw unsupported("updateDouble");
  }

  @Override
  public void updateBigDecimal(String columnLabel, BigDecimal value) throws SQLException {
    throw unsupported("updateBigDecimal");
  }

  @Override
  public void updateString(String columnLabel, String value) throws SQLException {
    throw unsupported("updateString");
  }

  @Override
  public void updateBytes(String columnLabel, byte[] value) throws SQLException {
    throw unsupported("updateBytes");
  }

  @Override
  public void updateDate(String columnLabel, Date value) throws SQLException {
    throw unsupported("updateDate");
  }

  @Override
  public void updateTime(String columnLabel, Time value) throws SQLException {
    throw unsupported("updateTime");
  }

  @Override
  public void updateTimestamp(String columnLabel, Timestamp value) throws SQLException {
    throw unsupported("updateTimestamp");
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream value, int length)
      throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream value, int length)
      throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader value, int length)
      throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateObject(String columnLabel, Object value, int length) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void updateObject(String columnLabel, Object value) throws SQLException {
    throw unsupported("updateObject");
  }

  @Override
  public void insertRow() throws SQLException {
    throw unsupported("insertRow");
  }

  @Override
  public void updateRow() throws SQLException {
    throw unsupported("updateRow");
  }

  @Override
  public void deleteRow() throws SQLException {
    throw unsupported("deleteRow");
  }

  @Override
  public void refreshRow() throws SQLException {
    throw unsupported("refreshRow");
  }

  @Override
  public void cancelRowUpdates() throws SQLException {
    throw unsupported("cancelRowUpdates");
  }

  @Override
  public void moveToInsertRow() throws SQLException {
    throw unsupported("moveToInsertRow");
  }

  @Override
  public void moveToCurrentRow() throws SQLException {
    throw unsupported("moveToCurrentRow");
  }

  @Override
  public Ref getRef(int columnIndex) throws SQLException {
    throw unsupported("getRef");
  }

  @Override
  public Blob getBlob(int columnIndex) throws SQLException {
    throw unsupported("getBlob");
  }

  @Override
  public Clob getClob(int columnIndex) throws SQLException {
    throw unsupported("getClob");
  }

  @Override
  public Array getArray(int columnIndex) throws SQLException {
    throw unsupported("getArray");
  }

  @Override
  public Ref getRef(String columnLabel) throws SQLException {
    throw unsupported("getRef");
  }

  @Override
  public Blob getBlob(String columnLabel) throws SQLException {
    throw unsupported("getBlob");
  }

  @Override
  public Clob getClob(String columnLabel) throws SQLException {
    throw unsupported("getClob");
  }

  @Override
  public Array getArray(String columnLabel) throws SQLException {
    throw unsupported("getArray");
  }

  @Override
  public java.net.URL getURL(int columnIndex) throws SQLException {
    throw unsupported("getURL");
  }

  @Override
  public java.net.URL getURL(String columnLabel) throws SQLException {
    throw unsupported("getURL");
  }

  @Override
  public void updateRef(int columnIndex, Ref value) throws SQLException {
    throw unsupported("updateRef");
  }

  @Override
  public void updateRef(String columnLabel, Ref value) throws SQLException {
    throw unsupported("updateRef");
  }

  @Override
  public void updateBlob(int columnIndex, Blob value) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(String columnLabel, Blob value) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateClob(int columnIndex, Clob value) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(String columnLabel, Clob value) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateArray(int columnIndex, Array value) throws SQLException {
    throw unsupported("updateArray");
  }

  @Override
  public void updateArray(String columnLabel, Array value) throws SQLException {
    throw unsupported("updateArray");
  }

  @Override
  public RowId getRowId(int columnIndex) throws SQLException {
    throw unsupported("getRowId");
  }

  @Override
  public RowId getRowId(String columnLabel) throws SQLException {
    throw unsupported("getRowId");
  }

  @Override
  public void updateRowId(int columnIndex, RowId value) throws SQLException {
    throw unsupported("updateRowId");
  }

  @Override
  public void updateRowId(String columnLabel, RowId value) throws SQLException {
    throw unsupported("updateRowId");
  }

  @Override
  public void updateNString(int columnIndex, String value) throws SQLException {
    throw unsupported("updateNString");
  }

  @Override
  public void updateNString(String columnLabel, String value) throws SQLException {
    throw unsupported("updateNString");
  }

  @Override
  public void updateNClob(int columnIndex, NClob value) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(String columnLabel, NClob value) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public NClob getNClob(int columnIndex) throws SQLException {
    throw unsupported("getNClob");
  }

  @Override
  public NClob getNClob(String columnLabel) throws SQLException {
    throw unsupported("getNClob");
  }

  @Override
  public SQLXML getSQLXML(int columnIndex) throws SQLException {
    throw unsupported("getSQLXML");
  }

  @Override
  public SQLXML getSQLXML(String columnLabel) throws SQLException {
    throw unsupported("getSQLXML");
  }

  @Override
  public void updateSQLXML(int columnIndex, SQLXML value) throws SQLException {
    throw unsupported("updateSQLXML");
  }

  @Override
  public void updateSQLXML(String columnLabel, SQLXML value) throws SQLException {
    throw unsupported("updateSQLXML");
  }

  @Override
  public void updateNCharacterStream(int columnIndex, java.io.Reader value, long length)
      throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(String columnLabel, java.io.Reader value, long length)
      throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader value, long length)
      throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader value, long length)
      throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateBlob(int columnIndex, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(String columnLabel, java.io.InputStream value, long length)
      throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateClob(int columnIndex, java.io.Reader value, long length) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(String columnLabel, java.io.Reader value, long length)
      throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateNClob(int columnIndex, java.io.Reader value, long length) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(String columnLabel, java.io.Reader value, long length)
      throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNCharacterStream(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateNCharacterStream(String columnLabel, java.io.Reader value) throws SQLException {
    throw unsupported("updateNCharacterStream");
  }

  @Override
  public void updateAsciiStream(int columnIndex, java.io.InputStream value) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(int columnIndex, java.io.InputStream value) throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateAsciiStream(String columnLabel, java.io.InputStream value) throws SQLException {
    throw unsupported("updateAsciiStream");
  }

  @Override
  public void updateBinaryStream(String columnLabel, java.io.InputStream value)
      throws SQLException {
    throw unsupported("updateBinaryStream");
  }

  @Override
  public void updateCharacterStream(String columnLabel, java.io.Reader value) throws SQLException {
    throw unsupported("updateCharacterStream");
  }

  @Override
  public void updateBlob(int columnIndex, java.io.InputStream value) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateBlob(String columnLabel, java.io.InputStream value) throws SQLException {
    throw unsupported("updateBlob");
  }

  @Override
  public void updateClob(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateClob(String columnLabel, java.io.Reader value) throws SQLException {
    throw unsupported("updateClob");
  }

  @Override
  public void updateNClob(int columnIndex, java.io.Reader value) throws SQLException {
    throw unsupported("updateNClob");
  }

  @Override
  public void updateNClob(String columnLabel, java.io.Reader value) throws SQLException {
    throw unsupported("updateNClob");
  }
}
