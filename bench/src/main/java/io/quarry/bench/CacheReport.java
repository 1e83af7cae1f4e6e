package io.quarry.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link CacheBenchmark} measured. Times are milliseconds of one query through JDBC, result
 * read included. {@code fullMs}: TPC-H Q1 with the cache off (median); {@code coldMs}: the first run
 * with the cache on and nothing cached (computes and stores); {@code repeatMs}: the same query again
 * (median); {@code appends}: the runs after each append, in the order they ran (several per
 * engine, reported by their median fraction). The counters are those of each step alone.
 */
public record CacheReport(
    Map<String, String> setup,
    double fullMs,
    double coldMs,
    CacheCounters cold,
    double repeatMs,
    CacheCounters repeat,
    List<AppendRun> appends,
    Path resultsDirectory) {
  public CacheReport {
    requireNonNull(setup, "setup is null");
    requireNonNull(cold, "cold is null");
    requireNonNull(repeat, "repeat is null");
    requireNonNull(resultsDirectory, "resultsDirectory is null");
    setup = Map.copyOf(setup);
    appends = List.copyOf(appends);
  }

  /** How many times faster the repeated run is than the cold-cache run. */
  public double repeatSpeedup() {
    return coldMs / repeatMs;
  }

  String table() {
    StringBuilder s = new StringBuilder();
    s.append(
        "| run | ms | fragments executed | fragments from cache | merges executed | merges from"
            + " cache | whole query from cache |\n");
    s.append("|---|---:|---:|---:|---:|---:|---:|\n");
    s.append(row("Q1, cache off (full computation)", fullMs, null));
    s.append(row("Q1, cache on, cold cache", coldMs, cold));
    s.append(row("Q1, cache on, repeated", repeatMs, repeat));
    for (AppendRun a : appends) {
      String after = String.format(Locale.ROOT, "Q1 after +%,d rows (%d → %d shards)", a.rows(), a.shardsBefore(), a.shardsAfter());
      s.append(row(after + ", cache off (full computation)", a.fullMs(), null));
      String engine = a.engine() + " engine" + (a.warmUp() ? " (warm-up, not counted)" : "");
      s.append(row(after + ", cache on, " + engine, a.ms(), a.counters()));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%nRepeated run: %.0fx faster than the cold-cache run (%.0fx faster than cache off).%n",
            repeatSpeedup(),
            fullMs / repeatMs));
    for (String engine : engines()) {
      List<AppendRun> runs = appendsIn(engine);
      StringBuilder each = new StringBuilder();
      for (AppendRun a : runs) {
        each.append(each.length() == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%.1f%%", 100 * a.fraction()));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "After the append, %s engine: %.1f%% of a full computation (median of %d appends:"
                  + " %s); answer equal to the cache-off run's: %s.%n",
              engine,
              100 * medianFraction(engine),
              runs.size(),
              each,
              appends.stream()
                      .filter(a -> a.engine().equals(engine))
                      .allMatch(AppendRun::answersMatch)
                  ? "yes"
                  : "NO"));
    }
    return s.toString();
  }

  /** The engines the appends ran in ({@code running}, {@code fresh}), in the order they ran. */
  public List<String> engines() {
    return appends.stream().map(AppendRun::engine).distinct().toList();
  }

  /** The append runs measured in {@code engine} (warm-ups left out), in the order they ran. */
  public List<AppendRun> appendsIn(String engine) {
    return appends.stream().filter(a -> a.engine().equals(engine) && !a.warmUp()).toList();
  }

  /**
   * The median over the appends in {@code engine} of the re-run as a fraction of a full
   * computation (of an even number: the mean of the middle two); NaN when there were none.
   */
  public double medianFraction(String engine) {
    double[] fractions =
        appendsIn(engine).stream().mapToDouble(AppendRun::fraction).sorted().toArray();
    if (fractions.length == 0) {
      return Double.NaN;
    }
    int mid = fractions.length / 2;
    return fractions.length % 2 == 1 ? fractions[mid] : (fractions[mid - 1] + fractions[mid]) / 2;
  }

  private static String row(String what, double ms, CacheCounters c) {
    return String.format(
        Locale.ROOT,
        "| %s | %.1f | %s | %s | %s | %s | %s |%n",
        what,
        ms,
        c == null ? "all" : String.valueOf(c.fragmentsExecuted()),
        c == null ? "-" : String.valueOf(c.fragmentsServed()),
        c == null ? "-" : String.valueOf(c.mergesExecuted()),
        c == null ? "-" : String.valueOf(c.mergesServed()),
        c == null ? "-" : c.queriesServed() > 0 ? "yes" : "no");
  }

  void write() throws IOException {
    Files.createDirectories(resultsDirectory);
    Files.writeString(resultsDirectory.resolve("results.json"), json(), StandardCharsets.UTF_8);
    Files.writeString(resultsDirectory.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
  }

  String markdown() {
    StringBuilder s = new StringBuilder("# Result cache: TPC-H Q1\n\n");
    setup.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> s.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
    return s.append('\n').append(table()).toString();
  }

  String json() {
    StringBuilder s = new StringBuilder("{\n  \"setup\": {");
    boolean first = true;
    for (Map.Entry<String, String> e :
        setup.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      s.append(first ? "\n    " : ",\n    ")
          .append(ReportWriter.string(e.getKey()))
          .append(": ")
          .append(ReportWriter.string(e.getValue()));
      first = false;
    }
    s.append("\n  },\n");
    s.append(field("fullMs", fullMs));
    s.append(field("coldMs", coldMs)).append(counters("cold", cold));
    s.append(field("repeatMs", repeatMs)).append(counters("repeat", repeat));
    s.append(field("repeatSpeedup", repeatSpeedup()));
    s.append("  \"appends\": [");
    boolean firstAppend = true;
    for (AppendRun a : appends) {
      s.append(firstAppend ? "\n    {" : ",\n    {")
          .append(String.format(Locale.ROOT, "\"engine\": %s, \"rows\": %d, \"shardsBefore\": %d,"
              + " \"shardsAfter\": %d, ", ReportWriter.string(a.engine()), a.rows(), a.shardsBefore(), a.shardsAfter()))
          .append(String.format(Locale.ROOT, "\"ms\": %s, \"fullMs\": %s, \"fraction\": %s, \"answersMatch\": %s,"
              + " \"warmUp\": %s,",
              number(a.ms()), number(a.fullMs()), number(a.fraction()), a.answersMatch(), a.warmUp()))
          .append(counters("counters", a.counters()).replace(",\n", "").replaceFirst("^ +", " "))
          .append('}');
      firstAppend = false;
    }
    s.append(firstAppend ? "],\n" : "\n  ],\n");
    s.append("  \"appendMedians\": {");
    boolean firstEngine = true;
    for (String engine : engines()) {
      s.append(firstEngine ? "\n    " : ",\n    ")
          .append(ReportWriter.string(engine))
          .append(
              String.format(
                  Locale.ROOT,
                  ": {\"appends\": %d, \"fraction\": %s}",
                  appendsIn(engine).size(),
                  number(medianFraction(engine))));
      firstEngine = false;
    }
    s.append(firstEngine ? "}\n}\n" : "\n  }\n}\n");
    return s.toString();
  }

  private static String field(String name, double v) {
    return String.format(Locale.ROOT, "  \"%s\": %s,%n", name, number(v));
  }

  private static String number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static String counters(String name, CacheCounters c) {
    return String.format(
        Locale.ROOT,
        "  \"%s\": {\"fragmentsExecuted\": %d, \"fragmentsServed\": %d, \"mergesExecuted\": %d,"
            + " \"mergesServed\": %d, \"queriesExecuted\": %d, \"queriesServed\": %d},%n",
        name,
        c.fragmentsExecuted(),
        c.fragmentsServed(),
        c.mergesExecuted(),
        c.mergesServed(),
        c.queriesExecuted(),
        c.queriesServed());
  }
}
