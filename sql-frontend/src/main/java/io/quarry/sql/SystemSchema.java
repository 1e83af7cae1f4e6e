package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * Schema {@code system}: the engine's own state as tables ({@code system.cache}, {@code
 * system.datasets}, …). One instance serves one statement, so each table is read once per
 * statement.
 */
public final class SystemSchema extends AbstractSchema {
  /** The schema's name, as queries write it. */
  public static final String NAME = "system";

  private final Map<String, Table> tables = new LinkedHashMap<>();

  public SystemSchema(List<SystemTable> systemTables) {
    requireNonNull(systemTables, "systemTables is null");
    for (SystemTable t : systemTables) {
      tables.put(t.name(), new SystemRelTable(t));
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }

  /**
   * The system table a reference written as {@code system.name} (any case, either part possibly
   * double-quoted) denotes, if any.
   */
  public static Optional<SystemTable> find(List<SystemTable> tables, String reference) {
    requireNonNull(reference, "reference is null");
    String r = reference.replace("\"", "").strip();
    int dot = r.indexOf('.');
    if (dot < 0 || !r.substring(0, dot).strip().equalsIgnoreCase(NAME)) {
      return Optional.empty();
    }
    String name = r.substring(dot + 1).strip().toLowerCase(Locale.ROOT);
    return tables.stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  /** Whether {@code sql} may read a system table: then its plan holds the rows read at planning. */
  public static boolean mentionedIn(String sql) {
    return SystemReferences.mentionsSystem(requireNonNull(sql, "sql is null"));
  }
}
