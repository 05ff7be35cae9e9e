/** Configuration: immutable records read from YAML, with defaults and checks applied once at load. */
package io.vigil.config;
