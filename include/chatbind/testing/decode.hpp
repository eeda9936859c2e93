// chatbind::testing — reading a request the way a platform's server does: the inverse of each of
// encode_request's body kinds (JSON, protobuf, query string, multipart form, urlencoded form), so that a fake can
// check that a request decodes as its endpoint's request type, with errors naming the field.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/reflect.hpp"
#include "chatbind/core/multipart.hpp"
#include "chatbind/core/protobuf.hpp"


#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace chatbind::testing::detail {

/// The request of endpoint E, decoded from the HTTP request the way the platform reads it.
template <EndpointDescriptor E>
[[nodiscard]] Result<typename E::request> decode_request(const HttpRequest& request) {
  using R = typename E::request;
  if constexpr (chatbind::detail::HasQueryAndBody<E>) {  // {query, body}: each part where it travels
    static_assert(E::body == Body::json || E::body == Body::text, "query parameters beside a JSON or text body only");
    auto query = query::decode<typename E::query>(request.query);
    if (!query) return query.error();
    if constexpr (E::body == Body::text) {
      return R{std::move(*query), request.body};
    } else {
      auto body = json::parse_as<decltype(R::body)>(request.body);
      if (!body) return body.error();
      return R{std::move(*query), std::move(*body)};
    }
  } else if constexpr (E::body == Body::json) {
    return json::parse_as<R>(request.body);
  } else if constexpr (E::body == Body::protobuf) {
    return protobuf::decode<R>(request.body);
  } else if constexpr (E::body == Body::multipart) {
    return multipart::decode<R>(request.header("Content-Type"), request.body);
  } else if constexpr (E::body == Body::form) {
    if (!request.header("Content-Type").starts_with(form_content_type))
      return Error::make(ErrorKind::schema, "expected an application/x-www-form-urlencoded body", "Content-Type");
    auto fields = form_decode(request.body);
    if (!fields) return fields.error();
    return query::decode<R>(*fields);
  } else {
    static_assert(E::body == Body::none);
    return query::decode<R>(request.query);
  }
}

}  // namespace chatbind::testing::detail
