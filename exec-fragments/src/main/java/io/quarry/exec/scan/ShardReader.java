package io.quarry.exec.scan;

import io.quarry.connectors.parquet.ParquetFiles;
import io.quarry.error.ErrorCode;
import io.quarry.error.QuarryException;
import io.quarry.exec.codegen.CompiledFilter;
import io.quarry.exec.codegen.ExprCompiler;
import io.quarry.exec.expr.Call;
import io.quarry.exec.expr.ColumnRef;
import io.quarry.exec.expr.Expr;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.vector.Batches;
import io.quarry.types.Column;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.OutOfMemoryException;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Reads the columns of a {@link ScanNode} from one local Parquet file, row group by row group, into
 * Arrow batches (unfiltered). Row groups that the scan filter's statistics rule out are never read.
 * Bad bytes become CORRUPT_DATA errors naming the shard, the column and the file offsets of its
 * column chunk and of the page.
 *
 * <p>A reader can also read just some page-aligned row ranges of the shard ({@link #units}, {@link
 * #readOnly}, {@link #openRanges}), so that several readers, each on its own thread, read one shard
 * together.
 */
public final class ShardReader implements AutoCloseable {
  private final Path file;
  private final ScanNode node;
  private final BufferAllocator allocator;
  private final ParquetFileReader reader;
  private final List<BlockMetaData> blocks;
  private final List<Column> columns;

  /** Per scan column: its index among the distinct file columns read. */
  private final int[] fileColumn;

  private final List<ColumnDescriptor> descriptors = new ArrayList<>();
  private final List<PrimitiveType> fileTypes = new ArrayList<>();
  private final List<String> fileNames = new ArrayList<>();
  private final List<ColumnTarget> targets = new ArrayList<>();

  /** The scan filter with constants folded, as row-group pruning sees it. */
  private final Expr prunable;

  /** Scan columns the scan filter reads, ascending. */
  private final int[] filterColumns;

  private int rowGroup = -1;
  private long rowsLeft;
  private PageReadStore pages;
  private ColumnChunkDecoder[] decoders;
  private int read;
  private int skipped;

  /** The ranges to read (ascending), or null to read every row group statistics do not rule out. */
  private List<RowGroupRange> ranges;

  private int rangeIndex = -1;

  /** The range being read, in range mode. */
  private RowGroupRange range;

  /** Row groups the statistics ruled out when {@link #units} was computed. */
  private int ruledOut;

  private ShardReader(
      Path path, ScanNode node, BufferAllocator allocator, ParquetFileReader reader) {
    this.file = path;
    this.node = node;
    this.allocator = allocator;
    this.reader = reader;
    this.blocks = reader.getRowGroups();
    this.columns = node.schema();
    MessageType file = reader.getFooter().getFileMetaData().getSchema();
    this.fileColumn = new int[columns.size()];
    List<Type> requested = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      Column col = columns.get(c);
      Type field = find(file, col.name());
      int existing = fileNames.indexOf(field.getName());
      if (existing >= 0) {
        fileColumn[c] = existing;
        continue;
      }
      if (!field.isPrimitive()) {
        throw new QuarryException(
            ErrorCode.UNSUPPORTED,
            where() + ": column " + field.getName() + " is nested, which is not supported");
      }
      PrimitiveType p = field.asPrimitiveType();
      fileColumn[c] = fileNames.size();
      fileNames.add(field.getName());
      fileTypes.add(p);
      requested.add(field);
      targets.add(ColumnTarget.of(col.type(), p, where() + " column " + field.getName()));
    }
    this.prunable = node.filter() == null ? null : ExprCompiler.fold(node.filter());
    java.util.TreeSet<Integer> referenced = new java.util.TreeSet<>();
    if (node.filter() != null) {
      collectColumns(node.filter(), referenced);
    }
    this.filterColumns = referenced.stream().mapToInt(Integer::intValue).toArray();
    MessageType projection = new MessageType(file.getName(), requested);
    for (String name : fileNames) {
      descriptors.add(projection.getColumnDescription(new String[] {name}));
    }
    if (!requested.isEmpty()) {
      reader.setRequestedSchema(projection);
    }
  }

  /** Opens the shard file for the scan. */
  public static ShardReader open(Path file, ScanNode node, BufferAllocator allocator) {
    String where = "shard " + node.shard().cid();
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new QuarryException(
          ErrorCode.IO_ERROR, "cannot read " + where + " at " + file + ": " + e, e);
    }
    ParquetFileReader reader;
    SeekableInputStream stream = null;
    try {
      stream = BufferedFileStream.open(file);
      reader = ParquetFileReader.open(new LocalInputFile(file), ParquetFiles.readOptions(), stream);
    } catch (IOException | RuntimeException e) {
      closeQuietly(null, stream);
      throw new QuarryException(
          ErrorCode.CORRUPT_DATA,
          where
              + " is not a readable Parquet file (footer near file offset "
              + Math.max(0, size - 8)
              + "): "
              + message(e),
          e);
    }
    try {
      return new ShardReader(file, node, allocator, reader);
    } catch (RuntimeException e) {
      closeQuietly(reader);
      throw e;
    }
  }

  /**
   * The ranges this scan can be read in, in file order: the rows of each row group that statistics
   * do not rule out, cut at every row where a page of each column the scan reads begins (from the
   * offset indexes). A row group without such a common page start, or without offset indexes, is
   * one range. Reads the offset indexes; call before the first next().
   */
  public List<RowGroupRange> units() {
    List<RowGroupRange> out = new ArrayList<>();
    ruledOut = 0;
    for (int g = 0; g < blocks.size(); g++) {
      BlockMetaData block = blocks.get(g);
      if (!RowGroupPruner.mightMatch(prunable, c -> stats(block, c))) {
        ruledOut++;
        continue;
      }
      long rows = block.getRowCount();
      List<ColumnChunkMetaData> chunks = new ArrayList<>(fileNames.size());
      for (int f = 0; f < fileNames.size(); f++) {
        chunks.add(chunk(block, f));
      }
      long[] starts =
          fileNames.isEmpty() ? new long[] {0} : PageBoundaries.common(reader, chunks, rows);
      for (int i = 0; i < starts.length; i++) {
        long end = i + 1 < starts.length ? starts[i + 1] : rows;
        out.add(new RowGroupRange(g, starts[i], end - starts[i]));
      }
    }
    return out;
  }

  /**
   * Reads only {@code ranges} (in file order, from {@link #units}) instead of the whole shard; call
   * before the first next(). This reader then counts the row groups statistics ruled out (as {@link
   * #units} found them) and, like every range reader, those whose first row it reads.
   */
  public void readOnly(List<RowGroupRange> ranges) {
    if (rowGroup != -1 || this.ranges != null) {
      throw new IllegalStateException("the reader has started");
    }
    this.ranges = List.copyOf(ranges);
    this.skipped = ruledOut;
  }

  /**
   * Another reader of this shard for the same scan, reading only {@code ranges} (from {@link
   * #units}); it shares this reader's parsed footer and has its own file handle, so it can run on
   * another thread.
   */
  public ShardReader openRanges(List<RowGroupRange> ranges) {
    InputFile in = new LocalInputFile(file);
    ParquetFileReader sibling = null;
    SeekableInputStream stream = null;
    try {
      stream = BufferedFileStream.open(file);
      sibling = new ParquetFileReader(in, reader.getFooter(), ParquetFiles.readOptions(), stream);
      ShardReader r = new ShardReader(file, node, allocator, sibling);
      r.ranges = List.copyOf(ranges);
      return r;
    } catch (IOException e) {
      closeQuietly(sibling, stream);
      throw new QuarryException(
          ErrorCode.IO_ERROR, "cannot read " + where() + " at " + file + ": " + message(e), e);
    } catch (RuntimeException e) {
      closeQuietly(sibling, stream);
      throw e;
    }
  }

  private static void collectColumns(Expr e, java.util.Set<Integer> out) {
    if (e instanceof ColumnRef r) {
      out.add(r.index());
    } else if (e instanceof Call c) {
      for (Expr a : c.args()) {
        collectColumns(a, out);
      }
    }
  }

  public int rowGroupsRead() {
    return read;
  }

  public int rowGroupsSkipped() {
    return skipped;
  }

  private String where() {
    return "shard " + node.shard().cid();
  }

  private Type find(MessageType file, String name) {
    for (Type t : file.getFields()) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    for (Type t : file.getFields()) {
      if (t.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw new QuarryException(ErrorCode.CORRUPT_DATA, where() + " has no column " + name);
  }

  /** The next batch of at most {@code maxRows} rows, or null at the end of the shard. */
  public VectorSchemaRoot next(int maxRows) {
    return next(maxRows, List.of(), null);
  }

  /**
   * The next batch of the rows (out of at most {@code maxRows} read) where {@code filter}, over the
   * scan's columns, is TRUE; null at the end of the shard. The columns the filter reads are decoded
   * first; the others are decoded only at the passing rows, so nothing is copied twice.
   */
  public VectorSchemaRoot next(int maxRows, CompiledFilter filter, int[] selection) {
    List<FilterStage> stages =
        filter == null ? List.of() : List.of(new FilterStage(filter, filterColumns));
    return next(maxRows, stages, selection);
  }

  /**
   * One conjunct group of a scan filter: its compiled condition and the scan columns it reads
   * (ascending).
   */
  public record FilterStage(CompiledFilter filter, int[] columns) {}

  /**
   * The next batch of the rows (out of at most {@code maxRows} read) where every stage's condition
   * is TRUE; null at the end of the shard. Stages run in order, each on the rows the previous ones
   * kept: a stage's columns are decoded (at those rows only) just before it runs, and the columns
   * no stage reads are decoded last at the surviving rows, so a selective first condition spares
   * decoding most values of every other column.
   */
  public VectorSchemaRoot next(int maxRows, List<FilterStage> stages, int[] selection) {
    while (true) {
      while (rowsLeft == 0) {
        if (!advance()) {
          return null;
        }
      }
      int n = (int) Math.min(maxRows, rowsLeft);
      VectorSchemaRoot batch = Batches.allocate(columns, allocator, n);
      int f = -1;
      try {
        List<FieldVector> vectors = batch.getFieldVectors();
        int[] primary = new int[fileNames.size()];
        java.util.Arrays.fill(primary, -1);
        int kept = n;
        boolean[] filled = new boolean[columns.size()];
        int[] local = null;
        for (FilterStage stage : stages) {
          if (kept == 0) {
            break;
          }
          for (int c : stage.columns()) {
            if (filled[c]) {
              continue;
            }
            f = fileColumn[c];
            fill(vectors, primary, c, n, selection, kept);
            filled[c] = true;
          }
          f = -1;
          if (local == null) {
            local = new int[n];
          }
          int passed = stage.filter().filter(batch, null, kept, local);
          if (passed < kept) {
            // the decoded columns hold the kept rows: keep the passing ones
            for (int c = 0; c < filled.length; c++) {
              if (filled[c]) {
                compact(vectors.get(c), local, passed);
              }
            }
            for (int j = 0; j < passed; j++) {
              selection[j] = kept == n ? local[j] : selection[local[j]];
            }
            kept = passed;
          }
        }
        for (int c = 0; c < columns.size(); c++) {
          if (filled[c]) {
            continue;
          }
          f = fileColumn[c];
          fill(vectors, primary, c, n, selection, kept);
        }
        f = -1;
        rowsLeft -= n;
        if (rowsLeft == 0 && decoders != null && partialRange()) {
          checkRangeEnd();
        }
        if (kept == 0) {
          batch.close();
          continue;
        }
        batch.setRowCount(kept);
        return batch;
      } catch (OutOfMemoryException | QuarryException e) {
        batch.close();
        throw e;
      } catch (IOException | RuntimeException e) {
        batch.close();
        throw corrupt(f, e);
      }
    }
  }

  /**
   * Fills scan column c with the {@code kept} rows still wanted out of the n rows of this batch
   * (all of them when {@code kept == n}, else those at {@code selection}): decoded, or shared with
   * the column already decoded from the same file column.
   */
  private void fill(
      List<FieldVector> vectors, int[] primary, int c, int n, int[] selection, int kept)
      throws IOException {
    int f = fileColumn[c];
    if (kept == n) {
      decodeOrShare(vectors, primary, c, n);
    } else if (primary[f] < 0) {
      decoders[f].readSelected(vectors.get(c), n, selection, kept);
      vectors.get(c).setValueCount(kept);
      primary[f] = c;
    } else if (primary[f] != c) {
      vectors.get(primary[f]).makeTransferPair(vectors.get(c)).splitAndTransfer(0, kept);
    }
  }

  /** Fills scan column c with all n rows: decoded, or shared with the column already decoded. */
  private void decodeOrShare(List<FieldVector> vectors, int[] primary, int c, int n)
      throws IOException {
    int f = fileColumn[c];
    if (primary[f] < 0) {
      decoders[f].read(vectors.get(c), 0, n);
      vectors.get(c).setValueCount(n);
      primary[f] = c;
    } else if (primary[f] != c) {
      vectors.get(primary[f]).makeTransferPair(vectors.get(c)).splitAndTransfer(0, n);
    }
  }

  private void compact(FieldVector v, int[] rows, int count) {
    try (FieldVector kept = v.getField().createVector(allocator)) {
      Batches.gather(v, rows, count, kept);
      kept.makeTransferPair(v).transfer();
    }
  }

  private boolean advance() {
    closePages();
    if (ranges != null) {
      return advanceRange();
    }
    while (++rowGroup < blocks.size()) {
      BlockMetaData block = blocks.get(rowGroup);
      if (!RowGroupPruner.mightMatch(prunable, c -> stats(block, c))) {
        skipped++;
        continue;
      }
      read++;
      rowsLeft = block.getRowCount();
      openPages();
      return true;
    }
    return false;
  }

  private boolean advanceRange() {
    if (++rangeIndex >= ranges.size()) {
      range = null;
      rowGroup = blocks.size();
      return false;
    }
    range = ranges.get(rangeIndex);
    rowGroup = range.rowGroup();
    if (rowGroup >= blocks.size()
        || range.firstRow() + range.rowCount() > blocks.get(rowGroup).getRowCount()) {
      throw new IllegalArgumentException(where() + " has no rows " + range);
    }
    if (range.firstRow() == 0) {
      read++;
    }
    rowsLeft = range.rowCount();
    openPages();
    return true;
  }

  /** Whether the current range is part of its row group, read through the offset index. */
  private boolean partialRange() {
    return range != null
        && (range.firstRow() > 0 || range.rowCount() < blocks.get(rowGroup).getRowCount());
  }

  /** Reads the pages of the current row group (or of the range of it) and sets up the decoders. */
  private void openPages() {
    if (fileNames.isEmpty()) {
      return;
    }
    try {
      try {
        pages = readPages();
      } catch (OutOfMemoryException e) {
        throw e;
      } catch (IOException | RuntimeException e) {
        // A page that fails its checksum fails the read of them all: name its column and page.
        int f = columnThatFails();
        long[] page = f < 0 ? null : pageThatFails(f);
        throw corrupt(f, page, e);
      }
      decoders = new ColumnChunkDecoder[fileNames.size()];
      for (int f = 0; f < decoders.length; f++) {
        try {
          decoders[f] =
              new ColumnChunkDecoder(
                  targets.get(f), descriptors.get(f), pages.getPageReader(descriptors.get(f)));
        } catch (QuarryException | OutOfMemoryException e) {
          throw e;
        } catch (RuntimeException e) {
          throw corrupt(f, e);
        }
      }
    } catch (QuarryException | OutOfMemoryException e) {
      throw e;
    } catch (RuntimeException e) {
      throw corrupt(-1, e);
    }
  }

  private PageReadStore readPages() throws IOException {
    return partialRange()
        ? reader.readFilteredRowGroup(
            rowGroup,
            RowRanges.builder()
                .addSelectedRange(range.firstRow(), range.firstRow() + range.rowCount() - 1)
                .build())
        : reader.readRowGroup(rowGroup);
  }

  /**
   * The first file column whose pages of the current row group (or range) cannot be read alone,
   * or -1: after a failed read of all of them, to say which one is corrupt.
   */
  private int columnThatFails() {
    for (int f = 0; f < descriptors.size(); f++) {
      if (!readsAlone(f, null)) {
        return f;
      }
    }
    return -1;
  }

  /**
   * The first row and file offset of the first page of file column {@code f} in the current row
   * group (or range) that cannot be read alone, or null.
   */
  private long[] pageThatFails(int f) {
    BlockMetaData block = blocks.get(rowGroup);
    long from = range == null ? 0 : range.firstRow();
    long to = range == null ? block.getRowCount() : range.firstRow() + range.rowCount();
    org.apache.parquet.internal.column.columnindex.OffsetIndex index;
    try {
      index = reader.readOffsetIndex(chunk(block, f));
    } catch (IOException | RuntimeException e) {
      return null;
    }
    for (int p = 0; index != null && p < index.getPageCount(); p++) {
      long first = index.getFirstRowIndex(p);
      long last = index.getLastRowIndex(p, block.getRowCount());
      if (last >= from
          && first < to
          && !readsAlone(f, RowRanges.builder().addSelectedRange(first, last).build())) {
        return new long[] {first, index.getOffset(p)};
      }
    }
    return null;
  }

  /**
   * Whether the pages of file column {@code f} alone, in {@code rows} of the current row group
   * (null: those the scan reads), can be read; the scan's columns are requested again after.
   */
  private boolean readsAlone(int f, RowRanges rows) {
    List<Type> all = new ArrayList<>();
    for (ColumnDescriptor d : descriptors) {
      all.add(d.getPrimitiveType());
    }
    String name = reader.getFooter().getFileMetaData().getSchema().getName();
    try {
      reader.setRequestedSchema(new MessageType(name, List.of(all.get(f))));
      try (PageReadStore alone =
          rows == null ? readPages() : reader.readFilteredRowGroup(rowGroup, rows)) {
        return true;
      }
    } catch (IOException | RuntimeException e) {
      return false;
    } finally {
      reader.setRequestedSchema(new MessageType(name, all));
    }
  }

  /**
   * At the end of a range read through the offset index: every column's pages held exactly the
   * range's rows, so no column is shifted against the others by an index that lies.
   */
  private void checkRangeEnd() throws IOException {
    for (int f = 0; f < decoders.length; f++) {
      try {
        decoders[f].finish();
      } catch (IOException | RuntimeException e) {
        if (e instanceof QuarryException || e instanceof OutOfMemoryException) {
          throw e;
        }
        throw corrupt(f, e);
      }
    }
  }

  private RowGroupPruner.Stats stats(BlockMetaData block, int scanColumn) {
    if (scanColumn < 0 || scanColumn >= columns.size()) {
      return null;
    }
    int f = fileColumn[scanColumn];
    ColumnChunkMetaData md = chunk(block, f);
    if (md == null) {
      return null;
    }
    return ParquetStats.of(
        md, columns.get(scanColumn).type(), fileTypes.get(f), block.getRowCount());
  }

  private ColumnChunkMetaData chunk(BlockMetaData block, int f) {
    String name = fileNames.get(f);
    for (ColumnChunkMetaData md : block.getColumns()) {
      if (md.getPath().size() == 1 && md.getPath().toArray()[0].equals(name)) {
        return md;
      }
    }
    return null;
  }

  private QuarryException corrupt(int f, Throwable e) {
    return corrupt(f, null, e);
  }

  /**
   * A CORRUPT_DATA error naming the shard, file column {@code f} (-1: unknown), the row group and
   * offsets; {@code page} is the bad page's first row and file offset when found apart from the
   * decoders (null: the page the decoder of {@code f} is in, if any).
   */
  private QuarryException corrupt(int f, long[] page, Throwable e) {
    StringBuilder m = new StringBuilder(where()).append(": corrupt Parquet data");
    if (f >= 0) {
      m.append(" in column ").append(fileNames.get(f));
    }
    m.append(", row group ").append(rowGroup);
    if (partialRange()) {
      m.append(" rows ")
          .append(range.firstRow())
          .append(" to ")
          .append(range.firstRow() + range.rowCount() - 1);
    }
    if (f >= 0 && rowGroup >= 0 && rowGroup < blocks.size()) {
      ColumnChunkMetaData md = chunk(blocks.get(rowGroup), f);
      if (md != null) {
        m.append(" (column chunk at file offset ").append(md.getStartingPos());
        if (page != null) {
          m.append("; page at row ").append(page[0]).append(", file offset ").append(page[1]);
        } else if (decoders != null && decoders[f] != null) {
          long row = (range == null ? 0 : range.firstRow()) + decoders[f].pageFirstRow();
          m.append("; page at row ").append(row);
          long offset = pageOffset(md, row);
          if (offset >= 0) {
            m.append(", file offset ").append(offset);
          }
        }
        m.append(')');
      }
    } else if (rowGroup >= 0 && rowGroup < blocks.size()) {
      m.append(" (at file offset ").append(blocks.get(rowGroup).getStartingPos()).append(')');
    }
    m.append(": ").append(message(e));
    return new QuarryException(ErrorCode.CORRUPT_DATA, m.toString(), e);
  }

  /** File offset of the page of {@code md} that begins at {@code row}, or -1 if unknown. */
  private long pageOffset(ColumnChunkMetaData md, long row) {
    try {
      org.apache.parquet.internal.column.columnindex.OffsetIndex index = reader.readOffsetIndex(md);
      for (int p = 0; index != null && p < index.getPageCount(); p++) {
        if (index.getFirstRowIndex(p) == row) {
          return index.getOffset(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // only a detail of an error message already being built
    }
    return -1;
  }

  private static String message(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private void closePages() {
    decoders = null;
    if (pages != null) {
      try {
        pages.close();
      } catch (RuntimeException e) {
        // releasing a page store cannot fail meaningfully; nothing is kept from it
      }
      pages = null;
    }
  }

  private static void closeQuietly(ParquetFileReader r) {
    try {
      r.close();
    } catch (IOException | RuntimeException e) {
      // the reader is being abandoned after an earlier error
    }
  }

  private static void closeQuietly(ParquetFileReader r, SeekableInputStream stream) {
    if (r != null) {
      closeQuietly(r);
      return;
    }
    if (stream != null) {
      try {
        stream.close();
      } catch (IOException | RuntimeException e) {
        // the stream is being abandoned after an earlier error
      }
    }
  }

  @Override
  public void close() {
    closePages();
    rowGroup = blocks.size();
    rowsLeft = 0;
    if (ranges != null) {
      rangeIndex = ranges.size();
    }
    try {
      reader.close();
    } catch (IOException e) {
      throw new QuarryException(ErrorCode.IO_ERROR, "cannot close " + where() + ": " + e, e);
    }
  }
}
