package io.quarry.node.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.quarry.exec.ExecContext;
import io.quarry.exec.plan.JoinKind;
import io.quarry.exec.plan.JoinNode;
import io.quarry.exec.plan.PlanNode;
import io.quarry.exec.plan.ResultNode;
import io.quarry.exec.plan.ScanNode;
import io.quarry.exec.plan.ShardRef;
import io.quarry.node.server.TestCluster;
import io.quarry.types.Column;
import io.quarry.types.DataType;
import io.quarry.types.TypeKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

class BroadcastSessionsTest {
  private static final List<Column> KEY = List.of(new Column("k", DataType.of(TypeKind.BIGINT)));

  private static PlanNode join(String shard, String result) {
    return new JoinNode(
        new ScanNode(new ShardRef(shard, 10, 100), KEY, null),
        new ResultNode(result, KEY),
        JoinKind.INNER,
        List.of(0),
        List.of(0),
        null);
  }

  private static ExecContext context(BufferAllocator allocator) {
    return new ExecContext(
        allocator,
        shard -> {
          throw new IllegalStateException("no shards here");
        },
        ForkJoinPool.commonPool(),
        1024);
  }

  @Test
  void fragmentsOverTheSameResultsShareAnAllocatorUntilOneFails() {
    try (RootAllocator root = new RootAllocator();
        BroadcastSessions sessions =
            new BroadcastSessions(root, 1L << 30, Duration.ofMinutes(10), line -> {})) {
      BroadcastSessions.Session first =
          sessions.acquire(join("bafkreishard1", "bafkreiresult"), BroadcastSessionsTest::context);
      BroadcastSessions.Session second =
          sessions.acquire(join("bafkreishard2", "bafkreiresult"), BroadcastSessionsTest::context);
      BroadcastSessions.Session other =
          sessions.acquire(join("bafkreishard1", "bafkreiother"), BroadcastSessionsTest::context);
      assertSame(first, second);
      assertNotSame(first, other);
      sessions.release(first, false);
      sessions.release(other, false);
      assertSame(
          second,
          sessions.acquire(join("bafkreishard3", "bafkreiresult"), BroadcastSessionsTest::context),
          "an idle session within its keep time is reused");
      sessions.release(second, true);
      BroadcastSessions.Session fresh =
          sessions.acquire(join("bafkreishard4", "bafkreiresult"), BroadcastSessionsTest::context);
      assertNotSame(second, fresh, "builds of a session with a failed fragment are not reused");
      sessions.release(second, false);
      sessions.release(fresh, false);
      assertEquals(2, sessions.size());
    }
  }

  @Test
  void idleSessionsAreClosed() {
    try (RootAllocator root = new RootAllocator();
        BroadcastSessions sessions =
            new BroadcastSessions(root, 1L << 30, Duration.ofMillis(20), line -> {})) {
      BroadcastSessions.Session s =
          sessions.acquire(join("bafkreishard1", "bafkreiresult"), BroadcastSessionsTest::context);
      sessions.release(s, false);
      TestCluster.await(
          "the idle session closes", Duration.ofSeconds(30), () -> sessions.size() == 0);
      assertEquals(0, root.getChildAllocators().size());
    }
  }
}
