package io.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;

/**
 * Read-only connections to the store's file, reused across calls. In WAL mode they read the last committed
 * state while the writer writes. A connection that failed is closed rather than reused.
 */
final class ReadConnections implements AutoCloseable {
  private static final int MAX_IDLE = 4;

  /** Opens a read-only connection. */
  interface Opener {
    Connection open() throws SQLException;
  }

  /** Work on one connection. */
  interface Read<T> {
    T apply(Connection c) throws SQLException;
  }

  private final String file;
  private final Opener opener;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ReadConnections(String file, Opener opener) {
    this.file = file;
    this.opener = opener;
  }

  /**
   * Runs {@code read} on a pooled connection.
   *
   * @throws StoreException when the store is closed or the read fails
   */
  <T> T read(Read<T> read) {
    Connection c = null;
    boolean healthy = false;
    try {
      c = borrow();
      T value = read.apply(c);
      healthy = true;
      return value;
    } catch (SQLException e) {
      throw new StoreException("cannot read history from " + file + ": " + e.getMessage(), e);
    } finally {
      if (c != null) {
        giveBack(c, healthy);
      }
    }
  }

  private Connection borrow() throws SQLException {
    synchronized (idle) {
      if (closed) {
        throw new StoreException("history store " + file + " is closed");
      }
      Connection c = idle.pollFirst();
      if (c != null) {
        return c;
      }
    }
    return opener.open();
  }

  private void giveBack(Connection c, boolean healthy) {
    synchronized (idle) {
      if (healthy && !closed && idle.size() < MAX_IDLE) {
        idle.addFirst(c);
        return;
      }
    }
    closeQuietly(c);
  }

  @Override
  public void close() {
    synchronized (idle) {
      closed = true;
      idle.forEach(ReadConnections::closeQuietly);
      idle.clear();
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // nothing left to do with a connection that will not close
    }
  }
}
