package io.vigil.boundary;

/**
 * A boundary changed state.
 *
 * @param boundary its name
 * @param from previous state
 * @param to new state
 * @param atMillis when
 */
public record StateChange(String boundary, BoundaryState from, BoundaryState to, long atMillis) {}
