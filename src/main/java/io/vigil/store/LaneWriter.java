package io.vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Writes one lane's items of a batch into its table, inside the batch's transaction. */
interface LaneWriter<T> {
  void write(Connection c, List<T> items) throws SQLException;

  /** Binds one item to the parameters of a statement. */
  interface Binder<T> {
    void bind(PreparedStatement p, T item) throws SQLException;
  }

  /** One statement executed as a JDBC batch, once per item. */
  static <T> LaneWriter<T> batch(String sql, Binder<T> binder) {
    return (c, items) -> {
      if (items.isEmpty()) {
        return;
      }
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (T item : items) {
          binder.bind(p, item);
          p.addBatch();
        }
        p.executeBatch();
      }
    };
  }
}
