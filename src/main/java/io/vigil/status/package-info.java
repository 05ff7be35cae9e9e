/** The status snapshot: every number the page, API, badges, metrics and alerts show, computed in one place. */
package io.vigil.status;
