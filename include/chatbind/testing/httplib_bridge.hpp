// chatbind testing — puts an in-process fake behind a cpp-httplib server: httplib's parsed request
// becomes the HttpRequest the fake takes, and the fake's HttpResponse becomes httplib's reply.
// chatbind-fake (tools/fake) and the loopback tests share it.
#pragma once

#include "chatbind/core/http.hpp"
#include "chatbind/core/multipart.hpp"

#include <httplib.h>

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chatbind::testing {

/// The Method named `m` ("POST"), if chatbind has it.
inline std::optional<Method> method_of(std::string_view m) {
  for (Method candidate : {Method::get, Method::post, Method::put, Method::patch, Method::delete_})
    if (to_string(candidate) == m) return candidate;
  return std::nullopt;
}

/// cpp-httplib parses a multipart/form-data body into req.files and leaves req.body empty: the form
/// is encoded again (the same parts, a fresh boundary) so that the fake decodes it as the server does.
inline void restore_multipart_body(const httplib::Request& req, HttpRequest& request) {
  std::vector<multipart::Part> parts;
  for (const auto& [name, file] : req.files) {
    multipart::Part part{.name = name, .value = file.content};
    if (!file.filename.empty() || !file.content_type.empty()) {
      part.filename = file.filename;
      part.content_type = file.content_type.empty() ? "application/octet-stream" : file.content_type;
    }
    parts.push_back(std::move(part));
  }
  auto encoded = multipart::encode(parts);
  if (!encoded) return;  // the fake then answers the empty body as the server would
  std::erase_if(request.headers, [](const Header& h) { return iequals(h.name, "Content-Type"); });
  request.headers.push_back({"Content-Type", encoded->content_type});
  request.body = std::move(encoded->body);
}

/// httplib's request as the fake takes it: method, path, query, headers and body (a multipart form
/// restored). Nothing when the method is not one chatbind knows (answer 405).
inline std::optional<HttpRequest> from_httplib(const httplib::Request& req) {
  const auto method = method_of(req.method);
  if (!method) return std::nullopt;
  HttpRequest request;
  request.method = *method;
  request.path = req.path;
  if (req.get_header_value("Content-Type").starts_with(form_content_type)) {
    // httplib adds a urlencoded body's fields to req.params: the query is read from the target alone.
    httplib::Params query;
    if (const auto mark = req.target.find('?'); mark != std::string::npos)
      httplib::detail::parse_query_text(req.target.substr(mark + 1), query);
    for (const auto& [name, value] : query) request.query.emplace_back(name, value);
  } else {
    for (const auto& [name, value] : req.params) request.query.emplace_back(name, value);
  }
  for (const auto& [name, value] : req.headers) request.headers.push_back({name, value});
  request.body = req.body;
  if (req.is_multipart_form_data()) restore_multipart_body(req, request);
  return request;
}

/// The fake's answer as httplib's reply: status, headers, body with its Content-Type.
inline void to_httplib(const HttpResponse& response, httplib::Response& res) {
  res.status = response.status;
  std::string content_type;
  for (const auto& h : response.headers) {
    if (iequals(h.name, "Content-Type")) {
      content_type = h.value;
    } else {
      res.set_header(h.name, h.value);
    }
  }
  if (!response.body.empty() || !content_type.empty()) res.set_content(response.body, content_type);
}

}  // namespace chatbind::testing
