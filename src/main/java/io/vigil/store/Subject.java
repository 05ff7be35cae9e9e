package io.vigil.store;

/** What a rollup row aggregates: one boundary, or one probe. */
public enum Subject { BOUNDARY, PROBE }
