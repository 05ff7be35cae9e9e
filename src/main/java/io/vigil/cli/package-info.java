/** The command line: run, check, probe, demo, report and rules. */
package io.vigil.cli;
