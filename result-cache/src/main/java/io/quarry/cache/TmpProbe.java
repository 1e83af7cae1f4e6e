package io.quarry.cache;

public final class TmpProbe {
  public static final boolean ON = Boolean.getBoolean("quarry.probe");
  private static final long T0 = System.nanoTime();
  public static void mark(String what, long startNanos) {
    if (ON) {
      System.err.printf("PROBE %s %.2f ms (t=%.1f) [%s]%n", what, (System.nanoTime() - startNanos) / 1e6, (System.nanoTime() - T0) / 1e6, Thread.currentThread().getName());
    }
  }
}
