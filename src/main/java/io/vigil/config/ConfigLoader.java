package io.vigil.config;

import java.nio.file.Path;
import java.util.Map;

/** Placeholder until the loader lands. */
public final class ConfigLoader {
  private ConfigLoader() {}

  public static VigilConfig load(Path serviceFile, Map<String, String> env) throws ConfigException {
    throw new UnsupportedOperationException(serviceFile + " " + env.size());
  }
}
