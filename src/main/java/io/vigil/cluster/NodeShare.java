package io.vigil.cluster;

/**
 * One live node and its share of the work, as {@code /api/v1/cluster} and {@code vigil cluster} show it.
 *
 * @param node the node's name ({@code node:})
 * @param location where it probes from
 * @param self whether this is the node answering
 * @param probes how many probes it runs
 * @param boundaries how many boundaries those probes belong to
 */
public record NodeShare(String node, String location, boolean self, int probes, int boundaries) {}
