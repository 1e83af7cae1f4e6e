package io.quarry.node.engine;

import static java.util.Objects.requireNonNull;

import io.quarry.sql.SystemSchema;
import io.quarry.types.Column;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A table as metadata calls (JDBC DatabaseMetaData, Flight SQL) show it, all in catalog {@link
 * #CATALOG}: a dataset in schema {@code datasets} with the CID of its latest root, or one of the
 * engine's own tables in schema {@code system} (no root, null).
 */
public record TableInfo(Kind kind, String name, List<Column> columns, String root) {
  /** The one catalog every table is listed in. */
  public static final String CATALOG = "quarry";

  /** Schema, then name: the order metadata lists tables in (within one type, for JDBC). */
  public static final Comparator<TableInfo> BY_SCHEMA_AND_NAME =
      Comparator.comparing(TableInfo::schema).thenComparing(TableInfo::name);

  /** What a table is, which fixes the schema it is listed in and its JDBC table type. */
  public enum Kind {
    DATASET("datasets", "TABLE"),
    SYSTEM(SystemSchema.NAME, "SYSTEM TABLE");

    private final String schema;
    private final String tableType;

    Kind(String schema, String tableType) {
      this.schema = schema;
      this.tableType = tableType;
    }

    public String schema() {
      return schema;
    }

    /** The table type JDBC and Flight SQL report ({@code TABLE_TYPE}, {@code table_type}). */
    public String tableType() {
      return tableType;
    }

    /** The kind listed in {@code schema}, if any. */
    public static Optional<Kind> ofSchema(String schema) {
      return Arrays.stream(values()).filter(k -> k.schema.equals(schema)).findFirst();
    }
  }

  public TableInfo {
    requireNonNull(kind, "kind is null");
    requireNonNull(name, "name is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    if ((kind == Kind.DATASET) != (root != null)) {
      throw new IllegalArgumentException(
          "a dataset has a root and a system table has none: " + kind + " " + name);
    }
  }

  public static TableInfo dataset(String name, List<Column> columns, String root) {
    return new TableInfo(Kind.DATASET, name, columns, requireNonNull(root, "root is null"));
  }

  public static TableInfo system(String name, List<Column> columns) {
    return new TableInfo(Kind.SYSTEM, name, columns, null);
  }

  public String schema() {
    return kind.schema();
  }

  public String tableType() {
    return kind.tableType();
  }

  /** Every schema, sorted by name as metadata lists them. */
  public static List<String> schemas() {
    return Arrays.stream(Kind.values()).map(Kind::schema).sorted().toList();
  }

  /** Every table type, sorted by name as JDBC getTableTypes lists them. */
  public static List<String> tableTypes() {
    return Arrays.stream(Kind.values()).map(Kind::tableType).sorted().toList();
  }

  /** Whether {@code types} (null: every type) holds this table's type, in any case. */
  public boolean typeIn(List<String> types) {
    return types == null || types.stream().anyMatch(tableType()::equalsIgnoreCase);
  }
}
