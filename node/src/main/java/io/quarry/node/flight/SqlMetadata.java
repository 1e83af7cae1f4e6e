package io.quarry.node.flight;

import io.quarry.exec.ArrowTypes;
import io.quarry.node.engine.TableInfo;
import io.quarry.sql.NamePattern;
import io.quarry.types.Column;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What Flight SQL metadata calls answer: one catalog {@code quarry}; every dataset as a TABLE in
 * schema {@code datasets} and every system table as a SYSTEM TABLE in schema {@code system} — the
 * same names the embedded JDBC driver shows.
 */
final class SqlMetadata {
  static final String CATALOG = TableInfo.CATALOG;

  private SqlMetadata() {}

  static VectorSchemaRoot catalogs(BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_CATALOGS_SCHEMA, allocator);
    fill(root, List.<String[]>of(new String[] {CATALOG}));
    return root;
  }

  static VectorSchemaRoot schemas(BufferAllocator allocator, String catalog, String schemaPattern) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_SCHEMAS_SCHEMA, allocator);
    List<String[]> rows = new ArrayList<>();
    for (String schema : TableInfo.schemas()) {
      if (catalogMatches(catalog) && NamePattern.matches(schemaPattern, schema)) {
        rows.add(new String[] {CATALOG, schema});
      }
    }
    fill(root, rows);
    return root;
  }

  static VectorSchemaRoot tableTypes(BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TABLE_TYPES_SCHEMA, allocator);
    List<String[]> rows = new ArrayList<>();
    for (String type : TableInfo.tableTypes()) {
      rows.add(new String[] {type});
    }
    fill(root, rows);
    return root;
  }

  static VectorSchemaRoot tables(
      BufferAllocator allocator,
      List<TableInfo> tables,
      String catalog,
      String schemaPattern,
      String tablePattern,
      List<String> types,
      boolean includeSchema) {
    Schema schema = includeSchema ? Schemas.GET_TABLES_SCHEMA : Schemas.GET_TABLES_SCHEMA_NO_SCHEMA;
    VectorSchemaRoot root = VectorSchemaRoot.create(schema, allocator);
    List<String[]> rows = new ArrayList<>();
    List<byte[]> schemas = new ArrayList<>();
    // Flight SQL: an empty type list means every type; rows ordered by schema, then name.
    List<String> wanted = types.isEmpty() ? null : types;
    List<TableInfo> sorted = tables.stream().sorted(TableInfo.BY_SCHEMA_AND_NAME).toList();
    for (TableInfo table : sorted) {
      if (catalogMatches(catalog)
          && NamePattern.matches(schemaPattern, table.schema())
          && NamePattern.matches(tablePattern, table.name())
          && table.typeIn(wanted)) {
        rows.add(new String[] {CATALOG, table.schema(), table.name(), table.tableType()});
        if (includeSchema) {
          schemas.add(serialize(arrowSchema(table.columns())));
        }
      }
    }
    fill(root, rows);
    if (includeSchema) {
      VarBinaryVector vector = (VarBinaryVector) root.getVector("table_schema");
      for (int i = 0; i < schemas.size(); i++) {
        vector.setSafe(i, schemas.get(i));
      }
      vector.setValueCount(schemas.size());
    }
    return root;
  }

  static Schema arrowSchema(List<Column> columns) {
    return ArrowTypes.toSchema(columns);
  }

  /** A schema as the IPC Schema message Flight SQL puts in table_schema and dataset_schema. */
  static byte[] serialize(Schema schema) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      MessageSerializer.serialize(new WriteChannel(Channels.newChannel(out)), schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Fills the first columns (VarChar) of {@code root} with {@code rows}; null cells stay null. */
  private static void fill(VectorSchemaRoot root, List<String[]> rows) {
    root.allocateNew();
    for (int r = 0; r < rows.size(); r++) {
      String[] row = rows.get(r);
      for (int c = 0; c < row.length; c++) {
        if (row[c] != null) {
          ((VarCharVector) root.getVector(c)).setSafe(r, row[c].getBytes(StandardCharsets.UTF_8));
        }
      }
    }
    root.setRowCount(rows.size());
  }

  private static boolean catalogMatches(String catalog) {
    return catalog == null || catalog.isEmpty() || catalog.equals(CATALOG);
  }
}
