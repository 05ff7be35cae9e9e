package io.vigil.web;

import io.vertx.ext.web.Router;

/** A group of routes owned by one concern; mounted once when the server starts. */
public interface Endpoint {
  void mount(Router router);
}
