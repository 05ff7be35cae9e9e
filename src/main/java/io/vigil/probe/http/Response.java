package io.vigil.probe.http;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.Charset;

/**
 * A complete response as the judge sees it.
 *
 * @param status the status code
 * @param headers the response headers
 * @param body the body as received (decompressed), only when an assertion needs it; otherwise empty
 * @param bodyLength bytes of body received
 * @param charset charset named by {@code Content-Type}, UTF-8 when none
 */
record Response(int status, HttpHeaders headers, byte[] body, long bodyLength, Charset charset) {
  String text() {
    return new String(body, charset);
  }
}
