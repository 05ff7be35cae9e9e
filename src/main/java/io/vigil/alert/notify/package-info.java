/** Notifiers: one receiver protocol per file (Alertmanager webhook, Slack, PagerDuty, Opsgenie), one signature. */
package io.vigil.alert.notify;
