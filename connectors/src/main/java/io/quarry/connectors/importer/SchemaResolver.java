package io.quarry.connectors.importer;

import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides the columns of an import from the samples of all its inputs. Every input must have the
 * same columns (JSON inputs may lack some: a missing key is NULL). A column's type is, first match
 * wins: the existing dataset's type (append), a type override, the Parquet type of the Parquet
 * inputs (which must agree), or the type inferred from the samples of all CSV and JSON inputs.
 */
final class SchemaResolver {
  private SchemaResolver() {}

  /** The existing dataset an append writes to. */
  record Existing(String name, List<Column> columns) {}

  static TargetSchema resolve(
      List<ImportInput> inputs,
      List<InputSample> samples,
      Map<String, DataType> overrides,
      Optional<Existing> existing,
      int sampleRows) {
    Set<String> names = new LinkedHashSet<>();
    existing.ifPresent(e -> e.columns().forEach(c -> names.add(c.name())));
    for (InputSample sample : samples) {
      names.addAll(sample.names());
    }
    boolean anyJson = inputs.stream().anyMatch(i -> i instanceof JsonInput);
    for (String name : overrides.keySet()) {
      if (!names.contains(name)) {
        if (!anyJson || existing.isPresent()) {
          throw new QuarryException(
              ErrorCode.INVALID_ARGUMENT,
              "type override for column '" + name + "': no input has that column (columns: "
                  + String.join(", ", names) + ")");
        }
        names.add(name);
      }
    }
    checkSameColumns(inputs, samples, names, existing);

    Map<String, DataType> fixed = new HashMap<>();
    Map<String, String> fixedFrom = new HashMap<>();
    Map<String, ColumnInference> inferred = new LinkedHashMap<>();
    boolean allFixed = true;
    for (int i = 0; i < samples.size(); i++) {
      InputSample sample = samples.get(i);
      for (Map.Entry<String, DataType> e : sample.fixedTypes().entrySet()) {
        DataType previous = fixed.get(e.getKey());
        if (previous == null) {
          fixed.put(e.getKey(), e.getValue());
          fixedFrom.put(e.getKey(), inputs.get(i).path().toString());
        } else if (!sameType(previous, e.getValue())) {
          throw new QuarryException(
              ErrorCode.TYPE_MISMATCH,
              "column '" + e.getKey() + "' is " + previous.sqlName() + " in "
                  + fixedFrom.get(e.getKey()) + " but " + e.getValue().sqlName() + " in "
                  + inputs.get(i).path() + "; all inputs of one import must agree on the schema");
        } else if (e.getValue().nullable()) {
          fixed.put(e.getKey(), previous.withNullable(true));
        }
      }
      if (sample.fixedTypes().isEmpty()) {
        allFixed = false;
      }
      for (Map.Entry<String, ColumnInference> e : sample.inferred().entrySet()) {
        inferred.computeIfAbsent(e.getKey(), k -> new ColumnInference()).merge(e.getValue());
      }
    }

    Map<String, DataType> existingTypes = new HashMap<>();
    existing.ifPresent(e -> e.columns().forEach(c -> existingTypes.put(c.name(), c.type())));
    List<Column> columns = new ArrayList<>();
    List<String> origins = new ArrayList<>();
    for (String name : names) {
      DataType override = overrides.get(name);
      if (override != null) {
        checkStorable(name, override);
      }
      DataType parquet = fixed.get(name);
      DataType type;
      String origin;
      if (existingTypes.containsKey(name)) {
        type = existingTypes.get(name);
        origin = "type of dataset '" + existing.get().name() + "'";
        if (override != null && !sameType(override, type)) {
          throw schemaDiffers(existing.get(), name, type, override, "the type override");
        }
        if (parquet != null && !sameType(parquet, type)) {
          throw schemaDiffers(existing.get(), name, type, parquet, fixedFrom.get(name));
        }
      } else if (override != null) {
        type = override.withNullable(true);
        origin = "type override";
        if (parquet != null && !sameType(parquet, override)) {
          throw new QuarryException(
              ErrorCode.TYPE_MISMATCH,
              "type override " + override.sqlName() + " for column '" + name + "' differs from its"
                  + " Parquet type " + parquet.sqlName() + " in " + fixedFrom.get(name)
                  + "; overrides apply to CSV and JSON inputs");
        }
      } else if (parquet != null) {
        type = allFixed ? parquet : parquet.withNullable(true);
        origin = "Parquet type in " + fixedFrom.get(name);
      } else {
        ColumnInference inference = inferred.get(name);
        type = inference == null ? DataType.of(TypeKind.VARCHAR) : inference.type();
        origin = "type inferred from the first " + sampleRows + " rows of each input";
      }
      columns.add(new Column(name, type));
      origins.add(origin);
    }
    return new TargetSchema(columns, origins);
  }

  private static void checkSameColumns(
      List<ImportInput> inputs, List<InputSample> samples, Set<String> names, Optional<Existing> existing) {
    Set<String> expected = new TreeSet<>(names);
    String against = "the columns of all inputs are " + expected;
    if (existing.isPresent()) {
      expected = new TreeSet<>(existing.get().columns().stream().map(Column::name).toList());
      against = "dataset '" + existing.get().name() + "' has columns " + expected;
    } else {
      for (int i = 0; i < samples.size(); i++) {
        if (!(inputs.get(i) instanceof JsonInput)) {
          expected = new TreeSet<>(samples.get(i).names());
          against = inputs.get(i).path() + " has columns " + expected;
          break;
        }
      }
    }
    for (int i = 0; i < samples.size(); i++) {
      Set<String> has = new TreeSet<>(samples.get(i).names());
      boolean json = inputs.get(i) instanceof JsonInput;
      Set<String> extra = new TreeSet<>(has);
      extra.removeAll(expected);
      Set<String> missing = new TreeSet<>(expected);
      missing.removeAll(has);
      if (!extra.isEmpty() || !json && !missing.isEmpty()) {
        throw new QuarryException(
            ErrorCode.TYPE_MISMATCH,
            "schema differs: " + inputs.get(i).path() + " has columns " + has + " but " + against
                + (extra.isEmpty() ? "" : " (unexpected: " + extra + ")")
                + (missing.isEmpty() || json ? "" : " (missing: " + missing + ")"));
      }
    }
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name.toLowerCase(java.util.Locale.ROOT))) {
        throw new QuarryException(
            ErrorCode.MALFORMED_INPUT,
            "two columns are named '" + name + "' apart from case; SQL could not tell them apart");
      }
    }
  }

  private static QuarryException schemaDiffers(
      Existing existing, String column, DataType datasetType, DataType inputType, String where) {
    return new QuarryException(
        ErrorCode.TYPE_MISMATCH,
        "schema differs: column '" + column + "' is " + datasetType.sqlName() + " in dataset '"
            + existing.name() + "' but " + inputType.sqlName() + " in " + where);
  }

  static boolean sameType(DataType a, DataType b) {
    return a.kind() == b.kind() && a.precision() == b.precision() && a.scale() == b.scale();
  }

  private static void checkStorable(String name, DataType type) {
    switch (type.kind()) {
      case NULL, INTERVAL_DAY_TIME, INTERVAL_YEAR_MONTH -> throw new QuarryException(
          ErrorCode.UNSUPPORTED,
          "type override for column '" + name + "': " + type.sqlName() + " cannot be stored in a dataset");
      default -> { }
    }
  }
}
