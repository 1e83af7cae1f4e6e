package io.quarry.node.flight;

import io.quarry.exec.ArrowTypes;
import io.quarry.node.engine.TableInfo;
import io.quarry.types.Column;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.arrow.flight.sql.FlightSqlProducer.Schemas;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.WriteChannel;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * What Flight SQL metadata calls answer: one catalog {@code quarry}, one schema {@code datasets},
 * and every dataset as a TABLE — the same names the embedded JDBC driver shows.
 */
final class SqlMetadata {
  static final String CATALOG = "quarry";
  static final String SCHEMA = "datasets";
  static final String TABLE_TYPE = "TABLE";

  private SqlMetadata() {}

  static VectorSchemaRoot catalogs(BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_CATALOGS_SCHEMA, allocator);
    fill(root, List.<String[]>of(new String[] {CATALOG}));
    return root;
  }

  static VectorSchemaRoot schemas(BufferAllocator allocator, String catalog, String schemaPattern) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_SCHEMAS_SCHEMA, allocator);
    List<String[]> rows = new ArrayList<>();
    if (catalogMatches(catalog) && like(schemaPattern, SCHEMA)) {
      rows.add(new String[] {CATALOG, SCHEMA});
    }
    fill(root, rows);
    return root;
  }

  static VectorSchemaRoot tableTypes(BufferAllocator allocator) {
    VectorSchemaRoot root = VectorSchemaRoot.create(Schemas.GET_TABLE_TYPES_SCHEMA, allocator);
    fill(root, List.<String[]>of(new String[] {TABLE_TYPE}));
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
    boolean typeMatches = types.isEmpty() || types.stream().anyMatch(TABLE_TYPE::equalsIgnoreCase);
    if (catalogMatches(catalog) && like(schemaPattern, SCHEMA) && typeMatches) {
      for (TableInfo table : tables) {
        if (like(tablePattern, table.name())) {
          rows.add(new String[] {CATALOG, SCHEMA, table.name(), TABLE_TYPE});
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

  /** SQL LIKE with {@code %} and {@code _}, backslash escaping; a null pattern matches all. */
  static boolean like(String pattern, String value) {
    if (pattern == null) {
      return true;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(value).matches();
  }
}
