/** Test fixtures shared by test suites: servers on loopback that misbehave on request. */
package io.vigil.testing;
