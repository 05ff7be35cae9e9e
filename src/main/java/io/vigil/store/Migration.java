package io.vigil.store;

import java.util.List;

/**
 * One numbered step of the SQLite schema. Steps are applied in order, never edited once released: a change
 * to the schema is a new step with the next number.
 *
 * @param version the schema version this step produces (1, 2, ...)
 * @param description what the step does, for logs
 * @param statements SQL statements, executed in order inside the migration's transaction
 * @param onlyIf a query answering one number, or null: when it answers 0 the statements are skipped (for a
 *     step that repairs only files of one shape)
 */
record Migration(int version, String description, List<String> statements, String onlyIf) {
  Migration(int version, String description, List<String> statements) {
    this(version, description, statements, null);
  }
}
