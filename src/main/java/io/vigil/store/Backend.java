package io.vigil.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * What differs between the databases that hold history: connection set-up, the SQL of the raw results and
 * ids, and how write faults read. Everything else (the queue, the writer, retention, the reads) is shared.
 */
interface Backend extends AutoCloseable {
  /** Names the database in messages (a file, or host:port/database; never a password). */
  String label();

  /** Opens (or borrows) the writer's connection. */
  Connection openWriter() throws SQLException;

  /** Runs a read on a connection of its own. */
  <T> T read(ReadConnections.Read<T> read);

  /** The statement that starts a write transaction. */
  String begin();

  /** One line on why writes fail, led by what an operator should look at. */
  String describe(Exception e);

  /** The writer of each lane. */
  Map<Lane<?>, LaneWriter<?>> writers();

  /**
   * The SQL expression that reads a raw result's location: a column where several nodes write one history,
   * {@code NULL} where every row is this node's own.
   */
  default String resultLocation() {
    return "NULL";
  }

  /** Assigns the stable ids of probes and boundaries. */
  int probeId(String name, String definitionHash);

  int boundaryId(String name);

  @Override
  void close();
}
