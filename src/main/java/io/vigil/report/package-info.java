/** The monthly SLA report: per boundary and SLO from stored rollups, rendered as Markdown, CSV or JSON. */
package io.vigil.report;
