/** The HTTP surface: metrics, health, admin; the public status page, API and badges live in {@code web.page}. */
package io.vigil.web;
