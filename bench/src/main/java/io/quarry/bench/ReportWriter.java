package io.quarry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;

/** Renders a report as the console/Markdown table and as JSON, and writes both files. */
final class ReportWriter {
  private ReportWriter() {}

  static void write(BenchmarkReport report) throws IOException {
    Files.createDirectories(report.resultsDirectory());
    Files.writeString(
        report.resultsDirectory().resolve("results.json"), json(report), StandardCharsets.UTF_8);
    Files.writeString(
        report.resultsDirectory().resolve("results.md"), markdown(report), StandardCharsets.UTF_8);
  }

  static String header() {
    return "| query | rows | Quarry ms | DuckDB ms | ratio | Quarry Arrow peak MB | Quarry heap"
        + " growth MB | check |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---|\n";
  }

  static String row(QueryMeasurement q) {
    return String.format(
        Locale.ROOT,
        "| %s | %d | %s | %s | %s | %s | %s | %s |%n",
        q.query(),
        q.rows(),
        ms(q.quarryMs()),
        ms(q.duckdbMs()),
        q.timed() ? String.format(Locale.ROOT, "%.2fx", q.ratio()) : "-",
        megabytes(q.quarryPeakArrowBytes()),
        megabytes(q.quarryPeakHeapBytes()),
        q.message().isEmpty() ? q.check() : q.check() + ": " + oneLine(q.message()));
  }

  private static String megabytes(long bytes) {
    return bytes > 0
        ? String.format(Locale.ROOT, "%.0f", bytes / 1048576.0)
        : bytes < 0 ? "n/a" : "-";
  }

  static String markdown(BenchmarkReport report) {
    StringBuilder s = new StringBuilder("# TPC-H: Quarry vs DuckDB\n\n");
    for (Map.Entry<String, String> e :
        report.setup().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      s.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
    }
    s.append('\n').append(header());
    for (QueryMeasurement q : report.queries()) {
      s.append(row(q));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%nGeometric mean of the ratios (Quarry/DuckDB, lower is better for Quarry): %s%n",
            Double.isNaN(report.geometricMeanRatio())
                ? "-"
                : String.format(Locale.ROOT, "%.2fx", report.geometricMeanRatio())));
    if (!report.ingest().isEmpty()) {
      s.append("\n| ingest | MB | seconds | MB/s | note |\n|---|---:|---:|---:|---|\n");
      for (IngestMeasurement i : report.ingest()) {
        boolean ran = !Double.isNaN(i.seconds());
        s.append(
            String.format(
                Locale.ROOT,
                "| %s | %.1f | %s | %s | %s |%n",
                i.what(),
                i.bytes() / 1e6,
                ran ? String.format(Locale.ROOT, "%.2f", i.seconds()) : "-",
                ran ? String.format(Locale.ROOT, "%.1f", i.megabytesPerSecond()) : "-",
                oneLine(i.note())));
      }
    }
    return s.toString();
  }

  static String json(BenchmarkReport report) {
    StringBuilder s = new StringBuilder("{\n  \"setup\": {");
    boolean first = true;
    for (Map.Entry<String, String> e :
        report.setup().entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
      s.append(first ? "\n" : ",\n")
          .append("    ")
          .append(string(e.getKey()))
          .append(": ")
          .append(string(e.getValue()));
      first = false;
    }
    s.append("\n  },\n  \"queries\": [");
    first = true;
    for (QueryMeasurement q : report.queries()) {
      s.append(first ? "\n" : ",\n")
          .append("    {\"query\": ")
          .append(string(q.query()))
          .append(", \"rows\": ")
          .append(q.rows())
          .append(", \"quarryMedianMs\": ")
          .append(number(q.quarryMs()))
          .append(", \"duckdbMedianMs\": ")
          .append(number(q.duckdbMs()))
          .append(", \"ratio\": ")
          .append(q.timed() ? number(q.ratio()) : "null")
          .append(", \"quarryPeakArrowBytes\": ")
          .append(q.quarryPeakArrowBytes() < 0 ? "null" : q.quarryPeakArrowBytes())
          .append(", \"quarryPeakHeapBytes\": ")
          .append(q.quarryPeakHeapBytes() < 0 ? "null" : q.quarryPeakHeapBytes())
          .append(", \"check\": ")
          .append(string(q.check()))
          .append(", \"message\": ")
          .append(string(q.message()))
          .append('}');
      first = false;
    }
    s.append("\n  ],\n  \"geometricMeanRatio\": ").append(number(report.geometricMeanRatio()));
    s.append(",\n  \"ingest\": [");
    first = true;
    for (IngestMeasurement i : report.ingest()) {
      s.append(first ? "\n" : ",\n")
          .append("    {\"what\": ")
          .append(string(i.what()))
          .append(", \"bytes\": ")
          .append(i.bytes())
          .append(", \"seconds\": ")
          .append(number(i.seconds()))
          .append(", \"megabytesPerSecond\": ")
          .append(number(i.megabytesPerSecond()))
          .append(", \"note\": ")
          .append(string(i.note()))
          .append('}');
      first = false;
    }
    s.append(first ? "]\n}\n" : "\n  ]\n}\n");
    return s.toString();
  }

  private static String ms(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String number(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "null" : String.format(Locale.ROOT, "%.6g", v);
  }

  private static String oneLine(String s) {
    String line = s.replace('\n', ' ').replace('|', '/');
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  static String string(String v) {
    StringBuilder s = new StringBuilder("\"");
    for (char c : v.toCharArray()) {
      switch (c) {
        case '"' -> s.append("\\\"");
        case '\\' -> s.append("\\\\");
        case '\n' -> s.append("\\n");
        case '\r' -> s.append("\\r");
        case '\t' -> s.append("\\t");
        default -> {
          if (c < 0x20) {
            s.append(String.format("\\u%04x", (int) c));
          } else {
            s.append(c);
          }
        }
      }
    }
    return s.append('"').toString();
  }
}
