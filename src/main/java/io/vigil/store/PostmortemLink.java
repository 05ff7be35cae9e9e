package io.vigil.store;

/**
 * The postmortem of an incident.
 *
 * @param incident the incident's id
 * @param url http(s) URL of the postmortem document
 * @param linkedMillis when the link was recorded
 */
public record PostmortemLink(String incident, String url, long linkedMillis) {}
