package io.quarry.bench;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Everything one benchmark run measured, and where its JSON and Markdown were written. */
public record BenchmarkReport(
    Map<String, String> setup,
    List<QueryMeasurement> queries,
    List<IngestMeasurement> ingest,
    Path resultsDirectory) {
  public BenchmarkReport {
    setup = Map.copyOf(requireNonNull(setup, "setup is null"));
    queries = List.copyOf(requireNonNull(queries, "queries is null"));
    ingest = List.copyOf(requireNonNull(ingest, "ingest is null"));
    requireNonNull(resultsDirectory, "resultsDirectory is null");
  }

  /** Geometric mean of Quarry/DuckDB over the queries both engines ran; NaN if none. */
  public double geometricMeanRatio() {
    double logSum = 0;
    int n = 0;
    for (QueryMeasurement q : queries) {
      if (q.timed() && q.quarryMs() > 0) {
        logSum += Math.log(q.ratio());
        n++;
      }
    }
    return n == 0 ? Double.NaN : Math.exp(logSum / n);
  }

  public long mismatches() {
    return queries.stream().filter(q -> q.check().equals("MISMATCH")).count();
  }

  public long failures() {
    return queries.stream()
        .filter(q -> q.check().equals("error") || q.check().equals("timeout"))
        .count();
  }
}
