package io.quarry.sql;

import java.util.List;
import java.util.Optional;

/**
 * Where SQL finds its tables. {@link #resolve} accepts every table reference Quarry understands (a
 * dataset name, {@code name@version}, {@code name@cid}, a dataset root CID); see docs/sql.md.
 */
public interface TableCatalog {
  /** The names of all datasets, sorted. */
  List<String> names();

  /**
   * The table a reference denotes, or empty if it names nothing. A reference that is clearly meant
   * as a CID or a version but is malformed or unknown raises a QuarryException naming it.
   */
  Optional<TableDefinition> resolve(String reference);

  /** The tables of schema {@code system} ({@link SystemSchema}); none unless an engine adds them. */
  default List<SystemTable> systemTables() {
    return List.of();
  }
}
