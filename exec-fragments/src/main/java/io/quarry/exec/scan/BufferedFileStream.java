package io.quarry.exec.scan;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A local file as Parquet reads it: small reads come from a buffer, large ones (column chunks)
 * straight from the file. Parquet parses page indexes through the stream a few bytes at a time,
 * which on an unbuffered file is a system call per byte.
 */
final class BufferedFileStream extends SeekableInputStream {
  private static final int BUFFER_BYTES = 8192;

  private final FileChannel channel;
  private final byte[] buffer = new byte[BUFFER_BYTES];

  /** File offset of buffer[0]. */
  private long bufferStart;

  private int buffered;
  private long pos;

  private BufferedFileStream(FileChannel channel) {
    this.channel = channel;
  }

  static BufferedFileStream open(Path file) throws IOException {
    return new BufferedFileStream(FileChannel.open(file, StandardOpenOption.READ));
  }

  @Override
  public long getPos() {
    return pos;
  }

  @Override
  public void seek(long newPos) throws IOException {
    if (newPos < 0) {
      throw new IOException("cannot seek to " + newPos);
    }
    pos = newPos;
  }

  /** Bytes at pos available in the buffer after filling it if needed; 0 at the end of the file. */
  private int bufferedAtPos() throws IOException {
    if (pos < bufferStart || pos >= bufferStart + buffered) {
      bufferStart = pos;
      buffered = Math.max(0, channel.read(ByteBuffer.wrap(buffer), pos));
    }
    return (int) (bufferStart + buffered - pos);
  }

  @Override
  public int read() throws IOException {
    if (bufferedAtPos() == 0) {
      return -1;
    }
    return buffer[(int) (pos++ - bufferStart)] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return read(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    if (!dst.hasRemaining()) {
      return 0;
    }
    if (dst.remaining() >= BUFFER_BYTES) {
      int n = channel.read(dst, pos);
      if (n > 0) {
        pos += n;
      }
      return n;
    }
    int n = Math.min(bufferedAtPos(), dst.remaining());
    if (n == 0) {
      return -1;
    }
    dst.put(buffer, (int) (pos - bufferStart), n);
    pos += n;
    return n;
  }

  @Override
  public void readFully(byte[] b) throws IOException {
    readFully(ByteBuffer.wrap(b));
  }

  @Override
  public void readFully(byte[] b, int off, int len) throws IOException {
    readFully(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void readFully(ByteBuffer dst) throws IOException {
    while (dst.hasRemaining()) {
      if (read(dst) < 0) {
        throw new EOFException(
            "end of file at offset " + pos + " with " + dst.remaining() + " bytes to read");
      }
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
