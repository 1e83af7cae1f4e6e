package io.quarry.bench;

import static java.util.Objects.requireNonNull;

/**
 * Throughput of getting bytes in: {@code what} (e.g. "import CSV"), the input file size, the
 * seconds taken and a note (the CID, or why it was skipped). {@code seconds} is NaN when skipped.
 */
public record IngestMeasurement(String what, long bytes, double seconds, String note) {
  public IngestMeasurement {
    requireNonNull(what, "what is null");
    requireNonNull(note, "note is null");
  }

  public double megabytesPerSecond() {
    return bytes / 1e6 / seconds;
  }
}
