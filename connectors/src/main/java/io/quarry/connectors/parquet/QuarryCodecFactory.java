package io.quarry.connectors.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdDecompressCtx;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Parquet page compression without Hadoop: zstd (zstd-jni), snappy (snappy-java), gzip (the JDK)
 * and none. Parquet's default factory reaches into Hadoop's codec classes, which we do not ship.
 * Compression is deterministic: the same page bytes always compress to the same output.
 */
public final class QuarryCodecFactory implements CompressionCodecFactory {
  /** zstd level used for shards; part of what makes shard bytes (and so their CIDs) reproducible. */
  public static final int ZSTD_LEVEL = 3;

  public static final QuarryCodecFactory INSTANCE = new QuarryCodecFactory();

  /** One decompression context per thread: creating one per page cost ~5% of a scan's CPU. */
  private static final ThreadLocal<ZstdDecompressCtx> ZSTD_CONTEXT =
      ThreadLocal.withInitial(ZstdDecompressCtx::new);

  private QuarryCodecFactory() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return new Compressor(codec);
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return new Decompressor(codec);
  }

  @Override
  public void release() {}

  private static QuarryException unsupported(CompressionCodecName codec) {
    return new QuarryException(
        ErrorCode.UNSUPPORTED,
        "Parquet compression " + codec + " is not supported (use ZSTD, SNAPPY, GZIP or none)");
  }

  private record Compressor(CompressionCodecName codec) implements BytesInputCompressor {
    @Override
    public BytesInput compress(BytesInput bytes) throws IOException {
      byte[] in = bytes.toByteArray();
      return switch (codec) {
        case UNCOMPRESSED -> BytesInput.from(in);
        case ZSTD -> BytesInput.from(Zstd.compress(in, ZSTD_LEVEL));
        case SNAPPY -> BytesInput.from(Snappy.compress(in));
        case GZIP -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream(in.length / 2 + 64);
          try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(in);
          }
          yield BytesInput.from(out.toByteArray());
        }
        default -> throw unsupported(codec);
      };
    }

    @Override
    public CompressionCodecName getCodecName() {
      return codec;
    }

    @Override
    public void release() {}
  }

  private record Decompressor(CompressionCodecName codec) implements BytesInputDecompressor {
    @Override
    public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
      byte[] in = bytes.toByteArray();
      return BytesInput.from(decompress(in, uncompressedSize));
    }

    private byte[] decompress(byte[] in, int uncompressedSize) throws IOException {
      return switch (codec) {
        case UNCOMPRESSED -> in;
        case ZSTD -> {
          byte[] out = new byte[uncompressedSize];
          long n;
          try {
            n = ZSTD_CONTEXT.get().decompressByteArray(out, 0, uncompressedSize, in, 0, in.length);
          } catch (RuntimeException e) {
            throw new IOException("corrupt zstd page: " + e.getMessage(), e);
          }
          if (Zstd.isError(n) || n != uncompressedSize) {
            throw new IOException("corrupt zstd page: " + (Zstd.isError(n) ? Zstd.getErrorName(n) : n + " bytes"));
          }
          yield out;
        }
        case SNAPPY -> {
          byte[] out = new byte[uncompressedSize];
          Snappy.uncompress(in, 0, in.length, out, 0);
          yield out;
        }
        case GZIP -> {
          try (InputStream gz = new GZIPInputStream(new java.io.ByteArrayInputStream(in))) {
            yield gz.readNBytes(uncompressedSize);
          }
        }
        default -> throw unsupported(codec);
      };
    }

    @Override
    public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
        throws IOException {
      byte[] in = new byte[compressedSize];
      input.get(in);
      output.put(decompress(in, uncompressedSize));
    }

    @Override
    public void release() {}
  }
}
