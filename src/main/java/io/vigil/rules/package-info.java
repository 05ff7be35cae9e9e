/** Prometheus recording and alerting rules for every SLO, built from Vigil's own counters ({@code vigil rules}). */
package io.vigil.rules;
