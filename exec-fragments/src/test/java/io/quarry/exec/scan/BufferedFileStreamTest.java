package io.quarry.exec.scan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BufferedFileStreamTest {
  @TempDir Path dir;

  @Test
  void readsWhatTheFileHoldsAtAnyPositionAndSize() throws IOException {
    byte[] data = new byte[30_011];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31 + i / 7);
    }
    Path file = dir.resolve("f");
    Files.write(file, data);
    try (BufferedFileStream in = BufferedFileStream.open(file)) {
      // byte by byte across buffer ends
      in.seek(8180);
      for (int i = 8180; i < 8200; i++) {
        assertEquals(data[i] & 0xff, in.read(), "byte " + i);
      }
      assertEquals(8200, in.getPos());
      // back to an earlier position, small and large reads
      in.seek(3);
      byte[] small = new byte[100];
      in.readFully(small);
      assertArrayEquals(Arrays.copyOfRange(data, 3, 103), small);
      ByteBuffer large = ByteBuffer.allocate(20_000);
      in.readFully(large);
      assertArrayEquals(Arrays.copyOfRange(data, 103, 20_103), large.array());
      ByteBuffer direct = ByteBuffer.allocateDirect(50);
      in.readFully(direct);
      direct.flip();
      for (int i = 0; i < 50; i++) {
        assertEquals(data[20_103 + i], direct.get(i));
      }
      byte[] part = new byte[40];
      in.readFully(part, 5, 30);
      assertArrayEquals(Arrays.copyOfRange(data, 20_153, 20_183), Arrays.copyOfRange(part, 5, 35));
      // the end
      in.seek(data.length - 2);
      assertEquals(2, in.read(new byte[10], 0, 10));
      assertEquals(-1, in.read());
      assertEquals(-1, in.read(new byte[10], 0, 10));
      in.seek(data.length - 5);
      assertThrows(EOFException.class, () -> in.readFully(new byte[6]));
      assertThrows(IOException.class, () -> in.seek(-1));
    }
  }
}
