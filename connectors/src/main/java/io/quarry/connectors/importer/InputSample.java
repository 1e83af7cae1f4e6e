package io.quarry.connectors.importer;

import static java.util.Objects.requireNonNull;

import io.quarry.types.DataType;
import java.util.List;
import java.util.Map;

/**
 * What the first rows of an input say about its schema: its column names in file order, and per
 * column either a fixed type (Parquet) or the inference state over sampled text values.
 */
record InputSample(
    List<String> names, Map<String, DataType> fixedTypes, Map<String, ColumnInference> inferred) {
  InputSample {
    names = List.copyOf(requireNonNull(names, "names is null"));
    fixedTypes = Map.copyOf(requireNonNull(fixedTypes, "fixedTypes is null"));
    requireNonNull(inferred, "inferred is null");
  }
}
