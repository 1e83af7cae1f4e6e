package io.quarry.node.dist;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The stored partitions of one fragment's rows: for each partition, its result (a UnixFS file of
 * an Arrow IPC stream, with its rows and IPC bytes) or null when no row fell into it; the total
 * rows and Arrow bytes; and whether they were stored before this request. What {@code
 * quarry.partition} answers.
 */
public record LeafPartitions(List<Part> partitions, long rows, long bytes, boolean reused) {
  /** One non-empty partition: its result CID, rows and IPC bytes. */
  public record Part(String result, long rows, long bytes) {
    public Part {
      requireNonNull(result, "result is null");
    }
  }

  public LeafPartitions {
    // Nulls (empty partitions) are kept, so List.copyOf will not do.
    partitions =
        Collections.unmodifiableList(
            new ArrayList<>(requireNonNull(partitions, "partitions is null")));
  }

  LeafPartitions asReused() {
    return new LeafPartitions(partitions, rows, bytes, true);
  }

  /** How many partitions have rows. */
  long nonEmpty() {
    return partitions.stream().filter(p -> p != null).count();
  }
}
