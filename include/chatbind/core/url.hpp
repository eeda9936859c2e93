// chatbind — the parts of a base URL that a connection needs (the Boost.Beast HTTP and websocket
// clients open their own sockets; the other transports leave this to their library).
#pragma once

#include "chatbind/core/error.hpp"

#include <string>
#include <string_view>

namespace chatbind {

/// Where a base URL ("scheme://host[:port]") points.
struct Origin {
  bool tls = false;
  std::string host;         ///< for the resolver and the certificate check (an IPv6 literal without brackets)
  std::string port;
  std::string host_header;  ///< the Host header: host[:port] as written in the URL
};

/// Parses a base URL whose scheme is `plain` (default port 80) or `secure` (TLS, default port 443),
/// e.g. parse_origin(url, "ws", "wss"). Anything else is a transport error naming the URL (a base
/// URL carries no credential: tokens travel in headers or the query).
[[nodiscard]] inline Result<Origin> parse_origin(std::string_view base_url, std::string_view plain = "http",
                                                 std::string_view secure = "https") {
  auto invalid = [&](std::string_view why) {
    return Error::make(ErrorKind::transport, "base URL \"" + std::string{base_url} + "\": " + std::string{why});
  };
  Origin origin;
  std::string_view port = "80";
  std::string_view rest = base_url;
  auto strip_scheme = [&](std::string_view scheme) {
    if (!rest.starts_with(scheme) || !rest.substr(scheme.size()).starts_with("://")) return false;
    rest.remove_prefix(scheme.size() + 3);
    return true;
  };
  if (strip_scheme(secure)) {
    origin.tls = true;
    port = "443";
  } else if (!strip_scheme(plain)) {
    return invalid("expected " + std::string{plain} + ":// or " + std::string{secure} + "://");
  }
  const std::string_view authority = rest.substr(0, rest.find('/'));
  origin.host_header = std::string{authority};
  std::string_view host = authority;
  if (authority.starts_with('[')) {  // [IPv6]:port
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return invalid("unterminated IPv6 address");
    host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return invalid("malformed host");
      port = authority.substr(close + 2);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty() || port.empty()) return invalid("malformed host");
  origin.host = std::string{host};
  origin.port = std::string{port};
  return origin;
}

}  // namespace chatbind
