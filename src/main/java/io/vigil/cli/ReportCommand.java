package io.vigil.cli;

import io.vigil.config.VigilConfig;
import io.vigil.report.MonthReport;
import io.vigil.report.ReportBuilder;
import io.vigil.report.ReportFormat;
import io.vigil.store.HistoryReader;
import io.vigil.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code vigil report}: the SLA report of a calendar month per boundary and SLO, read from the history
 * database without changing it (a running {@code vigil run} may keep writing). Exit 0 with the report;
 * 2 when the configuration, {@code --month} or {@code --format} is invalid; 1 when history cannot be read
 * (a missing database is never created) or the output cannot be written.
 */
@Command(name = "report", description = "Print the SLA report of a calendar month per boundary and SLO.")
final class ReportCommand implements Callable<Integer> {
  private static final Pattern MONTH = Pattern.compile("\\d{4}-\\d{2}");

  @Mixin ConfigOption config;
  @Option(names = "--month", paramLabel = "YYYY-MM", converter = MonthConverter.class,
      description = "calendar month to report (default: the previous month in UTC)")
  YearMonth month;
  @Option(names = "--format", paramLabel = "md|csv|json", converter = FormatConverter.class, defaultValue = "md",
      description = "md (default), csv or json")
  ReportFormat format;
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the report here instead of stdout")
  Path output;
  @Spec CommandSpec spec;

  private final Clock clock;

  ReportCommand() {
    this(Clock.systemUTC());
  }

  ReportCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Instant now = clock.instant();
    YearMonth current = YearMonth.from(now.atZone(ZoneOffset.UTC));
    YearMonth which = month == null ? current.minusMonths(1) : month;
    if (which.isAfter(current)) {
      err.printf("vigil: --month %s has not begun (it is %s in UTC)%n", which, current);
      return Vigil.EXIT_CONFIG;
    }
    VigilConfig c = config.load(err);
    if (c == null) {
      return Vigil.EXIT_CONFIG;
    }
    String text;
    try (HistoryReader history = HistoryReader.open(c.storage())) {
      MonthReport report = new ReportBuilder(history).build(c, which, now);
      text = format.render(report);
    } catch (StoreException e) {
      err.println("vigil: " + e.getMessage());
      return 1;
    }
    if (output == null) {
      out.print(text);
      out.flush();
      return 0;
    }
    try {
      write(output, text);
      return 0;
    } catch (IOException e) {
      err.println("vigil: cannot write " + output + ": " + e);
      return 1;
    }
  }

  /** Writes through a temporary file in the same folder, so readers never see half a report. */
  private static void write(Path file, String text) throws IOException {
    Path target = file.toAbsolutePath();
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Parses {@code YYYY-MM} strictly, with a message that shows the expected form. */
  static final class MonthConverter implements ITypeConverter<YearMonth> {
    @Override
    public YearMonth convert(String value) {
      String v = value.trim();
      if (MONTH.matcher(v).matches()) {
        int m = Integer.parseInt(v.substring(5));
        if (m >= 1 && m <= 12) {
          return YearMonth.of(Integer.parseInt(v.substring(0, 4)), m);
        }
      }
      throw new TypeConversionException("'" + value + "' is not a month; use YYYY-MM, e.g. 2026-10");
    }
  }

  /** Parses md, csv or json. */
  static final class FormatConverter implements ITypeConverter<ReportFormat> {
    @Override
    public ReportFormat convert(String value) {
      return ReportFormat.of(value).orElseThrow(
          () -> new TypeConversionException("'" + value + "' is not a report format; use md, csv or json"));
    }
  }
}
