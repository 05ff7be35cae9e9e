package io.vigil.report;

import java.util.Locale;
import java.util.Optional;

/** The output formats of {@code vigil report}. */
public enum ReportFormat {
  /** Markdown for people: a summary table, then one section per boundary. */
  MARKDOWN("md"),
  /** CSV for spreadsheets: one row per (boundary, SLO) under a fixed header. */
  CSV("csv"),
  /** JSON for programs: the structure documented on {@link JsonReport}. */
  JSON("json");

  private final String label;

  ReportFormat(String label) {
    this.label = label;
  }

  /** The name used on the command line: {@code md}, {@code csv} or {@code json}. */
  public String label() {
    return label;
  }

  /** The format named {@code md}, {@code csv} or {@code json} (case-insensitive); {@code markdown} also works. */
  public static Optional<ReportFormat> of(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (ReportFormat f : values()) {
      if (f.label.equals(n)) {
        return Optional.of(f);
      }
    }
    return n.equals("markdown") ? Optional.of(MARKDOWN) : Optional.empty();
  }

  /** The report as text in this format (UTF-8, lines end with {@code \n}). */
  public String render(MonthReport report) {
    return switch (this) {
      case MARKDOWN -> MarkdownReport.render(report);
      case CSV -> CsvReport.render(report);
      case JSON -> JsonReport.render(report);
    };
  }
}
