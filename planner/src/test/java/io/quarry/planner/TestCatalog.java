package io.quarry.planner;

import io.quarry.sql.ShardDefinition;
import io.quarry.sql.TableCatalog;
import io.quarry.sql.TableDefinition;
import io.quarry.types.Column;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A catalog of table definitions held in memory, for planner tests that need no store. */
final class TestCatalog implements TableCatalog {
  private final Map<String, TableDefinition> tables = new LinkedHashMap<>();

  TestCatalog add(TableDefinition table) {
    tables.put(table.name().toLowerCase(Locale.ROOT), table);
    return this;
  }

  @Override
  public List<String> names() {
    return tables.values().stream().map(TableDefinition::name).sorted().toList();
  }

  @Override
  public Optional<TableDefinition> resolve(String reference) {
    TableDefinition byName = tables.get(reference.toLowerCase(Locale.ROOT));
    if (byName != null) {
      return Optional.of(byName);
    }
    return tables.values().stream().filter(t -> t.root().equals(reference)).findFirst();
  }

  /** The TPC-H tables with money as DECIMAL(15, 2), one shard each of the SF 0.01 row counts. */
  static TestCatalog tpch() {
    TestCatalog catalog = new TestCatalog();
    for (io.trino.tpch.TpchTable<?> table : io.trino.tpch.TpchTable.getTables()) {
      List<Column> columns = new ArrayList<>();
      for (io.trino.tpch.TpchColumn<?> c : table.getColumns()) {
        columns.add(new Column(c.getColumnName(), TpchTypes.of(c)));
      }
      long rows =
          switch (table.getTableName()) {
            case "lineitem" -> 60175;
            case "orders" -> 15000;
            case "partsupp" -> 8000;
            case "part" -> 2000;
            case "customer" -> 1500;
            case "supplier" -> 100;
            case "nation" -> 25;
            default -> 5;
          };
      List<ShardDefinition> shards = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        shards.add(new ShardDefinition("bafy" + table.getTableName() + i, rows / 2, rows * 10, List.of()));
      }
      catalog.add(new TableDefinition(table.getTableName(), "bafyroot" + table.getTableName(), columns, shards));
    }
    return catalog;
  }
}
