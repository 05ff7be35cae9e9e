/** Alert rules on SLO burn rates and boundary state, and their notifications, delivered through an outbox. */
package io.vigil.alert;
