/** The HTTP surface: metrics, health, admin and (later) the status page, API and badges. */
package io.vigil.web;
