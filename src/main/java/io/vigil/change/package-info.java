/**
 * Change events (deploys, config changes, rollbacks) recorded through the API, and the rule that names one as
 * the suspected change of an incident that starts soon after it.
 */
package io.vigil.change;
