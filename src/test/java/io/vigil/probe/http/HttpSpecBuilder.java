package io.vigil.probe.http;

import io.vigil.config.HttpSpec;
import io.vigil.config.IpProtocol;
import io.vigil.config.JsonQuery;
import io.vigil.config.Secret;
import io.vigil.config.StatusRange;
import io.vigil.config.TlsSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds {@link HttpSpec} records for tests with the loader's defaults. */
public final class HttpSpecBuilder {
  private final String url;
  private String method = "GET";
  private final Map<String, Secret> headers = new LinkedHashMap<>();
  private String body = "";
  private List<StatusRange> status = StatusRange.DEFAULT_GOOD;
  private final List<Pattern> bodyMatches = new ArrayList<>();
  private final List<Pattern> bodyNotMatches = new ArrayList<>();
  private final Map<JsonQuery, String> json = new LinkedHashMap<>();
  private final Map<JsonQuery, Pattern> jsonMatches = new LinkedHashMap<>();
  private final Map<String, Pattern> header = new LinkedHashMap<>();
  private Duration maxDuration;
  private Duration certExpiresAfter;
  private List<StatusRange> invalidStatus = List.of();
  private HttpSpec.Addresses addresses = HttpSpec.Addresses.FIRST;
  private TlsSpec tls = TlsSpec.DEFAULT_ON;
  private HttpSpec.Auth auth = HttpSpec.Auth.NONE;
  private boolean followRedirects = true;
  private int maxRedirects = HttpSpec.DEFAULT_MAX_REDIRECTS;
  private long maxBody = HttpSpec.DEFAULT_MAX_BODY;
  private IpProtocol ipProtocol = IpProtocol.IP4;
  private boolean ipProtocolFallback = true;

  private HttpSpecBuilder(String url) {
    this.url = url;
  }

  public static HttpSpecBuilder get(String url) {
    return new HttpSpecBuilder(url);
  }

  public HttpSpecBuilder method(String m) {
    method = m;
    return this;
  }

  public HttpSpecBuilder header(String name, String value) {
    headers.put(name, Secret.of(value));
    return this;
  }

  public HttpSpecBuilder body(String b) {
    body = b;
    return this;
  }

  public HttpSpecBuilder status(StatusRange... ranges) {
    status = List.of(ranges);
    return this;
  }

  public HttpSpecBuilder invalidStatus(StatusRange... ranges) {
    invalidStatus = List.of(ranges);
    return this;
  }

  public HttpSpecBuilder bodyMatches(String regex) {
    bodyMatches.add(Pattern.compile(regex));
    return this;
  }

  public HttpSpecBuilder bodyNotMatches(String regex) {
    bodyNotMatches.add(Pattern.compile(regex));
    return this;
  }

  public HttpSpecBuilder json(String path, String value) {
    json.put(JsonQuery.compile(path), value);
    return this;
  }

  public HttpSpecBuilder jsonMatches(String path, String regex) {
    jsonMatches.put(JsonQuery.compile(path), Pattern.compile(regex));
    return this;
  }

  public HttpSpecBuilder expectHeader(String name, String regex) {
    header.put(name, Pattern.compile(regex));
    return this;
  }

  public HttpSpecBuilder maxDuration(Duration d) {
    maxDuration = d;
    return this;
  }

  public HttpSpecBuilder certExpiresAfter(Duration d) {
    certExpiresAfter = d;
    return this;
  }

  public HttpSpecBuilder addresses(HttpSpec.Addresses a) {
    addresses = a;
    return this;
  }

  public HttpSpecBuilder tls(TlsSpec t) {
    tls = t;
    return this;
  }

  public HttpSpecBuilder auth(HttpSpec.Auth a) {
    auth = a;
    return this;
  }

  public HttpSpecBuilder followRedirects(boolean follow) {
    followRedirects = follow;
    return this;
  }

  public HttpSpecBuilder maxRedirects(int n) {
    maxRedirects = n;
    return this;
  }

  public HttpSpecBuilder maxBody(long bytes) {
    maxBody = bytes;
    return this;
  }

  public HttpSpecBuilder ipProtocol(IpProtocol p, boolean fallback) {
    ipProtocol = p;
    ipProtocolFallback = fallback;
    return this;
  }

  public HttpSpec build() {
    HttpSpec.HttpExpect expect = new HttpSpec.HttpExpect(status, List.copyOf(bodyMatches), List.copyOf(bodyNotMatches),
        Map.copyOf(json), Map.copyOf(jsonMatches), Map.copyOf(header), maxDuration, certExpiresAfter);
    return new HttpSpec(url, method, Map.copyOf(headers), body, expect, invalidStatus, addresses, tls, auth,
        followRedirects, maxRedirects, maxBody, ipProtocol, ipProtocolFallback);
  }
}
