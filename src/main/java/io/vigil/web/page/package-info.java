/** The public status surface: HTML status page, JSON API and SVG badges, rendered from the status snapshot. */
package io.vigil.web.page;
