/** What a boundary's outage is, apart from how it is stored or shown. */
package io.vigil.incident;
