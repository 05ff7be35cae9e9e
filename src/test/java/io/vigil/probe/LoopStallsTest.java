package io.vigil.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stall bookkeeping on exact clock values (the loops only serve as identities here). */
class LoopStallsTest {
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
  private static DefaultEventLoopGroup group;
  private static DefaultEventLoopGroup other;

  @BeforeAll
  static void loops() {
    group = new DefaultEventLoopGroup(2);
    other = new DefaultEventLoopGroup(1);
  }

  @AfterAll
  static void close() {
    group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
    other.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).syncUninterruptibly();
  }

  private static EventLoop loop(DefaultEventLoopGroup g) {
    return (EventLoop) g.iterator().next();
  }

  @Test
  void aCheckLateByMoreThanTheThresholdMarksRunsOnThatLoopOnly() {
    LoopStalls stalls = new LoopStalls(group);
    EventLoop a = (EventLoop) group.next();
    EventLoop b = (EventLoop) group.next();
    stalls.plan(a, 100 * MS);
    stalls.plan(b, 100 * MS);
    long markA = stalls.mark(a);
    long markB = stalls.mark(b);

    assertThat(stalls.checked(a, 100 * MS + 5 * MS)).isEqualTo(5 * MS); // at the threshold: no stall
    stalls.plan(a, 110 * MS);
    assertThat(stalls.since(a, markA, 111 * MS)).isFalse();

    assertThat(stalls.checked(a, 110 * MS + 5 * MS + 1)).isEqualTo(5 * MS + 1);
    stalls.plan(a, 120 * MS);
    assertThat(stalls.since(a, markA, 116 * MS)).isTrue();
    assertThat(stalls.since(a, stalls.mark(a), 116 * MS)).as("a run that began after it").isFalse();
    stalls.checked(b, 100 * MS);
    stalls.plan(b, 105 * MS);
    assertThat(stalls.since(b, markB, 106 * MS)).as("the other loop").isFalse();
  }

  @Test
  void aCheckOverdueNowMarksTheRunBeforeTheCheckHasRun() {
    LoopStalls stalls = new LoopStalls(group);
    EventLoop a = (EventLoop) group.next();
    long mark = stalls.mark(a);
    assertThat(stalls.since(a, mark, 1_000 * MS)).as("never armed").isFalse();
    stalls.plan(a, 200 * MS);
    assertThat(stalls.since(a, mark, 205 * MS)).isFalse();
    assertThat(stalls.since(a, mark, 205 * MS + 1)).isTrue();
  }

  @Test
  void aLoopNotWatchedNeverStalls() {
    LoopStalls stalls = new LoopStalls(group);
    EventLoop foreign = loop(other);
    stalls.plan(foreign, 0);
    assertThat(stalls.checked(foreign, 50 * MS)).isEqualTo(50 * MS);
    assertThat(stalls.since(foreign, stalls.mark(foreign), 100 * MS)).isFalse();
    assertThat(stalls.loops()).hasSize(2);
  }
}
