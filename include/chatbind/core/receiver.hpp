// chatbind — what a sans-IO receiver of platform pushes (a Yunhu bot webhook, Wildfire's event
// callbacks) answers, whatever HTTP server carries it (chatbind/transport/httplib_receiver.hpp is one).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace chatbind::receiver {

/// What a handler answers the platform.
struct Reply {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  friend bool operator==(const Reply&, const Reply&) = default;
};

/// One request in (the method as the server read it, the raw body), its reply out.
using Handler = std::function<Reply(std::string_view method, std::string_view body)>;

}  // namespace chatbind::receiver
