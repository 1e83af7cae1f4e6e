package io.quarry.it.ipfs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Deterministic pseudo-random content of any length, as a stream or a file. */
final class TestData {
  private TestData() {}

  static InputStream stream(long length, long seed) {
    return new InputStream() {
      private final SplittableRandom random = new SplittableRandom(seed);
      private final byte[] block = new byte[1 << 16];
      private int pos = block.length;
      private long left = length;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        if (pos == block.length) {
          random.nextBytes(block);
          pos = 0;
        }
        int n = (int) Math.min(Math.min(len, block.length - pos), left);
        System.arraycopy(block, pos, b, off, n);
        pos += n;
        left -= n;
        return n;
      }
    };
  }

  static void copy(long length, long seed, OutputStream out) throws IOException {
    try (InputStream in = stream(length, seed)) {
      in.transferTo(out);
    }
  }

  static Path file(Path dir, String name, long length, long seed) throws IOException {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      copy(length, seed, out);
    }
    return file;
  }
}
