package io.quarry.connectors.importer;

/** Rows of one input file, converted to the import's columns (canonical Java forms). */
interface RowSource extends AutoCloseable {
  /** The next row in the import's column order, or null at the end of the file. */
  Object[] next();

  /** Bytes of the file consumed so far. */
  long bytesRead();

  @Override
  void close();
}
