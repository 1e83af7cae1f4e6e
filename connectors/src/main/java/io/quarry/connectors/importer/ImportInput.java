package io.quarry.connectors.importer;

import java.nio.file.Path;

/** One input file of an import, in one of the supported formats. */
interface ImportInput {
  Path path();

  /** Reads the start of the file to learn its columns and, for text formats, sample their types. */
  InputSample sample(int rows);

  /**
   * Opens the file for reading rows converted to the schema's columns (matched by name; the
   * importer has checked that every column of the file is in the schema).
   */
  RowSource open(TargetSchema schema);
}
