package io.quarry.cli;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows how far a long import is, on stderr: a progress bar on a terminal, otherwise a plain line
 * every few seconds (for logs). Small inputs show nothing.
 */
final class ProgressReporter implements AutoCloseable {
  /** Inputs below this finish too quickly for progress to be worth showing. */
  static final long LARGE_INPUT_BYTES = 16L << 20;

  private static final long LINE_INTERVAL_NANOS = 5_000_000_000L;

  private final PrintStream err;
  private final String task;
  private final boolean terminal;
  private final long startNanos = System.nanoTime();
  private long lastLineNanos = startNanos;
  private boolean started;
  private boolean lines;
  private ProgressBar bar;

  ProgressReporter(PrintStream err, String task, boolean terminal) {
    this.err = err;
    this.task = task;
    this.terminal = terminal;
  }

  /** Called by the importer, from any thread, with the bytes read so far of all inputs. */
  synchronized void update(long bytesRead, long totalBytes) {
    if (!started) {
      started = true;
      boolean large = totalBytes >= LARGE_INPUT_BYTES;
      lines = large && !terminal;
      if (large && terminal) {
        bar =
            new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalBytes)
                .setUnit(" MiB", 1 << 20)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .build();
      }
    }
    if (bar != null) {
      bar.maxHint(totalBytes);
      bar.stepTo(bytesRead);
      return;
    }
    long now = System.nanoTime();
    if (lines && now - lastLineNanos >= LINE_INTERVAL_NANOS) {
      lastLineNanos = now;
      double seconds = (now - startNanos) / 1e9;
      err.printf(
          Locale.ROOT,
          "%s: %s of %s (%.0f%%), %.1f MiB/s%n",
          task,
          Sizes.bytes(bytesRead),
          Sizes.bytes(totalBytes),
          totalBytes == 0 ? 100.0 : 100.0 * bytesRead / totalBytes,
          bytesRead / 1048576.0 / Math.max(seconds, 1e-3));
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
