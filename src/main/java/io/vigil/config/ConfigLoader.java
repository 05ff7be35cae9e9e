package io.vigil.config;

import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads Vigil's configuration: the service file and every probe file its {@code probe_files} globs
 * match, into one immutable {@link VigilConfig}. {@code ${VAR}} and {@code ${VAR:-default}} are
 * substituted from the given environment in every scalar first.
 *
 * <p>Success returns a configuration in which every default is applied and every check has passed.
 * Failure throws {@link ConfigException} with every error of every file, each at its file, line and
 * column; no part of an invalid configuration is returned.
 */
public final class ConfigLoader {
  static final List<String> DEFAULT_PROBE_FILES = List.of("../probes/*.yaml");

  private ConfigLoader() {}

  /**
   * @param serviceFile the service file ({@code config/vigil.yaml}); relative paths in it are resolved
   *     against its directory, and error messages name files relative to where this path is relative to
   * @param env the environment for {@code ${VAR}} substitution ({@code System.getenv()} in production)
   */
  public static VigilConfig load(Path serviceFile, Map<String, String> env) throws ConfigException {
    BindContext ctx = new BindContext();
    YamlReader yaml = new YamlReader(yamlFactory(), new Interpolator(env, ctx), ctx);
    Node root = yaml.read(serviceFile);
    if (root == null) {
      throw new ConfigException(ctx.errors(new Redactor(ctx.secrets())));
    }
    Path dir = directory(serviceFile);
    MapReader service = MapReader.of(root, "the service file", ctx, ServiceBinder.KEYS);

    List<Node> notifierItems = service.items("notifiers", false);
    List<NotifierConfig> notifiers = ServiceBinder.notifiers(notifierItems, ctx, directory(serviceFile));
    Set<String> notifierNames = new LinkedHashSet<>();
    notifiers.forEach(n -> notifierNames.add(n.name()));
    boolean everyNotifierNamed = notifiers.size() == notifierItems.size();

    Map<String, Node.Pos> globs = globs(service);
    List<Path> files = probeFiles(globs, dir, serviceFile, ctx);
    ProbeFiles probeFiles = new ProbeFiles(ctx, everyNotifierNamed ? notifierNames : null);
    for (Path file : files) {
      probeFiles.bind(file, yaml.read(file));
    }
    probeFiles.checkBoundaryReferences();
    probeFiles.checkDependencies();

    String listen = ServiceBinder.listen(service);
    String location = ServiceBinder.location(service);
    String publicUrl = ServiceBinder.publicUrl(service);
    String title = ServiceBinder.statusPageTitle(service);
    StorageConfig storage = ServiceBinder.storage(service, dir);
    Secret adminToken = service.secret("admin_token");
    Duration notificationExpiry = ServiceBinder.notificationExpiry(service);
    VigilConfig.HistogramsPer histograms = ServiceBinder.histograms(service);
    boolean demo = service.flag("demo", false);
    int perClient = ServiceBinder.maxConnectionsPerClient(service);
    ClusterConfig cluster = ServiceBinder.cluster(service);

    Redactor redactor = new Redactor(ctx.secrets());
    if (ctx.hasErrors()) {
      throw new ConfigException(ctx.errors(redactor));
    }
    return new VigilConfig(serviceFile, listen, location, publicUrl, title, storage, List.copyOf(globs.keySet()),
        files, adminToken, notifiers, notificationExpiry, histograms, demo, List.copyOf(probeFiles.boundaries),
        List.copyOf(probeFiles.probes), redactor, perClient, cluster);
  }

  private static Path directory(Path file) {
    Path parent = file.getParent();
    return parent == null ? Path.of("") : parent;
  }

  private static String glob(String text) {
    if (text.isBlank()) {
      throw new IllegalArgumentException("expected a file name or glob like ../probes/*.yaml, got ''");
    }
    return text.trim();
  }

  /** The probe file globs with their positions; {@link #DEFAULT_PROBE_FILES} when not given. */
  private static Map<String, Node.Pos> globs(MapReader service) {
    Map<String, Node.Pos> globs = new LinkedHashMap<>();
    if (!service.has("probe_files")) {
      DEFAULT_PROBE_FILES.forEach(g -> globs.put(g, service.pos()));
      return globs;
    }
    for (Node item : service.items("probe_files", true)) {
      String glob = service.convert(item, "probe_files", ConfigLoader::glob);
      if (glob != null) {
        globs.putIfAbsent(glob, item.pos());
      }
    }
    return globs;
  }

  /**
   * The files the globs match, each glob's matches sorted, in the order the globs are given; a file
   * matched twice is loaded once, and the service file itself is never a probe file. A glob matching
   * nothing is an error at its position.
   */
  private static List<Path> probeFiles(Map<String, Node.Pos> globs, Path dir, Path serviceFile,
      BindContext ctx) {
    Set<Path> files = new LinkedHashSet<>();
    Path self = serviceFile.toAbsolutePath().normalize();
    globs.forEach((glob, pos) -> {
      List<Path> matches;
      try {
        matches = expand(dir, glob);
      } catch (InvalidPathException | UncheckedIOException | IOException e) {
        ctx.error(pos, "probe_files: cannot read '" + glob + "': " + e.getMessage());
        return;
      }
      matches.removeIf(p -> p.toAbsolutePath().normalize().equals(self));
      if (matches.isEmpty()) {
        ctx.error(pos, "probe_files: '" + glob + "' matches no file (globs are relative to "
            + (dir.toString().isEmpty() ? "the service file's directory" : dir) + ")");
      }
      files.addAll(matches);
    });
    return List.copyOf(files);
  }

  /** Files matching {@code glob} relative to {@code dir}, sorted. */
  private static List<Path> expand(Path dir, String glob) throws IOException {
    Path pattern = dir.resolve(glob).normalize();
    Path base = pattern.getRoot() == null ? Path.of("") : pattern.getRoot();
    int i = 0;
    while (i < pattern.getNameCount() && !isGlob(pattern.getName(i).toString())) {
      base = base.resolve(pattern.getName(i));
      i++;
    }
    if (i == pattern.getNameCount()) {
      return Files.isRegularFile(pattern) ? new ArrayList<>(List.of(pattern)) : new ArrayList<>();
    }
    Path rest = pattern.subpath(i, pattern.getNameCount());
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
    int depth = rest.toString().contains("**") ? Integer.MAX_VALUE : rest.getNameCount();
    if (!Files.isDirectory(base.toString().isEmpty() ? Path.of(".") : base)) {
      return new ArrayList<>();
    }
    Path root = base;
    try (Stream<Path> walk = Files.walk(root, depth)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> matcher.matches(root.relativize(p)))
          .sorted()
          .collect(Collectors.toCollection(ArrayList::new));
    }
  }

  private static boolean isGlob(String segment) {
    return segment.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
  }

  /**
   * Binds probe files one after another and keeps what spans them: boundary and probe names are
   * unique across files, and a probe's boundary may be declared in any file.
   */
  private static final class ProbeFiles {
    private final BindContext ctx;
    private final Set<String> notifiers;
    private final List<BoundaryConfig> boundaries = new ArrayList<>();
    private final List<ProbeConfig> probes = new ArrayList<>();
    private final Map<String, Node.Pos> boundaryNames = new HashMap<>();
    private final Map<String, Node.Pos> probeNames = new HashMap<>();
    private final Map<Node.Pos, String> boundaryReferences = new LinkedHashMap<>();
    /** Each boundary's {@code depends_on} names with their positions, in the order they were read. */
    private final Map<String, Map<Node.Pos, String>> dependencies = new LinkedHashMap<>();
    private boolean everyFileRead = true;

    ProbeFiles(BindContext ctx, Set<String> notifiers) {
      this.ctx = ctx;
      this.notifiers = notifiers;
    }

    void bind(Path file, Node root) {
      if (root == null) {
        everyFileRead = false;
        return;
      }
      MapReader r = MapReader.of(root, "the probe file", ctx, "boundaries", "probes");
      for (Node item : r.items("boundaries", false)) {
        MapReader b = MapReader.of(item, "boundary", ctx, BoundaryBinder.KEYS);
        Map<Node.Pos, String> upstreams = BoundaryBinder.dependsOn(b);
        BoundaryConfig boundary = BoundaryBinder.bind(b, notifiers, List.copyOf(upstreams.values()));
        unique(b, "boundary", boundary.name(), boundaryNames);
        if (boundary.name() != null) {
          dependencies.putIfAbsent(boundary.name(), upstreams);
        }
        boundaries.add(boundary);
      }
      Path dir = directory(file);
      for (Node item : r.items("probes", false)) {
        MapReader p = MapReader.of(item, "probe", ctx, ProbeBinder.KEYS);
        ProbeConfig probe = ProbeBinder.bind(p, dir);
        unique(p, "probe", probe.name(), probeNames);
        if (probe.boundary() != null) {
          boundaryReferences.put(p.pos("boundary"), probe.boundary());
        }
        probes.add(probe);
      }
    }

    private void unique(MapReader r, String what, String name, Map<String, Node.Pos> seen) {
      if (name == null) {
        return;
      }
      Node.Pos first = seen.putIfAbsent(name, r.pos("name"));
      if (first != null) {
        r.error("name", "duplicate " + what + " name '" + name + "' (also defined at " + first.source() + ")");
      }
    }

    /** Checked once every file is bound; skipped when a file could not be read, to spare false errors. */
    void checkBoundaryReferences() {
      if (!everyFileRead) {
        return;
      }
      boundaryReferences.forEach((pos, name) -> {
        if (!boundaryNames.containsKey(name)) {
          ctx.error(pos, "boundary: no boundary named '" + name + "' in any probe file"
              + BoundaryBinder.didYouMean(name, boundaryNames.keySet()));
        }
      });
    }

    /**
     * {@code depends_on} names exist, and following them never leads back: each cycle is reported once, at the
     * entry that closes it. Skipped when a file could not be read.
     */
    void checkDependencies() {
      if (!everyFileRead) {
        return;
      }
      dependencies.forEach((boundary, upstreams) -> upstreams.forEach((pos, name) -> {
        if (!boundaryNames.containsKey(name)) {
          ctx.error(pos, "depends_on: no boundary named '" + name + "' in any probe file"
              + BoundaryBinder.didYouMean(name, boundaryNames.keySet()));
        }
      }));
      Map<String, Boolean> done = new HashMap<>(); // false while on the current path, true once finished
      for (String boundary : dependencies.keySet()) {
        visit(boundary, new ArrayList<>(), done);
      }
    }

    private void visit(String boundary, List<String> path, Map<String, Boolean> done) {
      if (done.containsKey(boundary)) {
        return;
      }
      done.put(boundary, false);
      path.add(boundary);
      dependencies.getOrDefault(boundary, Map.of()).forEach((pos, upstream) -> {
        if (Boolean.FALSE.equals(done.get(upstream))) {
          List<String> cycle = new ArrayList<>(path.subList(path.indexOf(upstream), path.size()));
          cycle.add(upstream);
          ctx.error(pos, "depends_on: '" + upstream + "' closes a dependency cycle: " + String.join(" → ", cycle));
        } else {
          visit(upstream, path, done);
        }
      });
      path.remove(path.size() - 1);
      done.put(boundary, true);
    }
  }

  /** Probe files of large fleets exceed SnakeYAML's default 3 MB per document; allow 128 MB. */
  private static YAMLFactory yamlFactory() {
    org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
    options.setCodePointLimit(128 * 1024 * 1024);
    return YAMLFactory.builder().loaderOptions(options).build();
  }
}
