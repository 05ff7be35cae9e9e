/** The HTTP probe: one request per run (plus redirects) on fresh Netty connections, timed phase by phase. */
package io.vigil.probe.http;
