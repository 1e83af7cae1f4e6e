package io.quarry.sql;

import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;

/**
 * The Calcite schema of one statement: every dataset name is a table, and so is every reference
 * the {@link TableCatalog} resolves (CIDs, versions), which cannot be listed up front. Resolutions
 * are remembered for the statement, so a table keeps one meaning throughout it.
 */
public final class QuarrySchema extends AbstractSchema {
  private final TableCatalog catalog;
  private final Map<String, Optional<QuarryTable>> resolved = new HashMap<>();

  public QuarrySchema(TableCatalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog is null");
  }

  @Override
  public Lookup<Table> tables() {
    return new Lookup<>() {
      @Override
      public Table get(String name) {
        return resolve(name).orElse(null);
      }

      @Override
      public Named<Table> getIgnoreCase(String name) {
        return resolve(name).<Named<Table>>map(t -> new Named<>(name, t)).orElse(null);
      }

      @Override
      public Set<String> getNames(LikePattern pattern) {
        Predicate1<String> matcher = pattern.matcher();
        Set<String> names = new LinkedHashSet<>();
        for (String n : catalog.names()) {
          if (matcher.apply(n)) {
            names.add(n);
          }
        }
        return names;
      }
    };
  }

  @Override
  protected Map<String, Table> getTableMap() {
    Map<String, Table> map = new HashMap<>();
    for (String name : catalog.names()) {
      resolve(name).ifPresent(t -> map.put(name, t));
    }
    return map;
  }

  private Optional<QuarryTable> resolve(String reference) {
    return resolved.computeIfAbsent(reference, r -> catalog.resolve(r).map(QuarryTable::new));
  }
}
