// chatbind::testing — the engine every fake platform shares: routing a request by method and path to
// the platform's endpoint descriptor (iterating its generated all_endpoints list), decoding the
// request as that endpoint's request type, scripted replies and the record of calls.
//
// A platform plugs in a Policy (see heychat.hpp, yunhu.hpp, wildfire.hpp) that says how it
// authenticates, how it answers success and failure, and what it does by default:
//   struct Policy {
//     using endpoints = <platform>::all_endpoints;
//     std::optional<HttpResponse> reject(const HttpRequest&);        // auth: a failure, or nullopt
//       (or template <class E> reject(const HttpRequest&), when E's policy decides which credential)
//     HttpResponse unknown_route(const HttpRequest&);                // no endpoint has this method + path
//     template <class E> HttpResponse invalid(const Error&);         // the request does not decode
//     template <class E> HttpResponse failure(const Failure&);      // a platform failure
//     template <class E> HttpResponse success(const typename E::response&);
//     template <class E> Reply<E> answer(const typename E::request&);   // the default behaviour
//     // optional: template <class E> Result<typename E::request> decode(const HttpRequest&);
//     //   (reads the request as the platform's server does; default: detail::decode_request<E>)
//   };
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/core/error.hpp"
#include "chatbind/core/http.hpp"
#include "chatbind/core/json.hpp"
#include "chatbind/core/json_dom.hpp"
#include "chatbind/core/protobuf.hpp"
#include "chatbind/testing/decode.hpp"

#include <boost/mp11/algorithm.hpp>

#include <algorithm>
#include <any>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace chatbind::testing {

/// A platform failure a fake answers, the way that platform reports one: Heychat
/// `{"status":"failed","msg":…}` (the code is not sent), Yunhu `Status.code`/`msg` (or `{code,msg}` on a
/// JSON endpoint), Wildfire `{"code":…,"msg":…}`.
struct Failure {
  std::int64_t code = -1;
  std::string msg{};
};

/// What a scripted handler returns: the endpoint's typed response (sent in the platform's success
/// envelope), a platform Failure, or a raw HttpResponse sent as it is.
template <class E>
using Reply = std::variant<typename E::response, Failure, HttpResponse>;

/// One call a fake accepted: authenticated, routed to an endpoint and decoded.
class Call {
 public:
  template <EndpointDescriptor E>
  static Call make(typename E::request request) {
    Call c;
    c.method = E::method;
    c.path = std::string{E::path};
    c.request_ = std::move(request);
    return c;
  }

  Method method = Method::get;
  std::string path{};  ///< the endpoint's path, e.g. "/chatroom/v2/channel_msg/send"

  /// Whether this call went to endpoint E.
  template <EndpointDescriptor E>
  [[nodiscard]] bool is() const noexcept {
    return method == E::method && path == E::path;
  }
  /// The decoded request when this call went to E, otherwise nullptr.
  template <EndpointDescriptor E>
  [[nodiscard]] const typename E::request* request() const noexcept {
    return is<E>() ? std::any_cast<typename E::request>(&request_) : nullptr;
  }

 private:
  std::any request_;
};

namespace detail {

/// The spec's example response of E (a whole success envelope), decoded by the client's own
/// decoder; a default-constructed response when the spec has none or it is not a JSON example.
template <EndpointDescriptor E>
[[nodiscard]] typename E::response example_response(std::string_view example) {
  if constexpr (E::body != Body::protobuf) {
    if (!example.empty()) {
      HttpResponse response;
      response.body = std::string{example};
      if (auto decoded = decode_response<E>(response)) return std::move(*decoded);
    }
  }
  return typename E::response{};
}

[[nodiscard]] inline HttpResponse json_response(const Json& body, int status = 200) {
  HttpResponse out;
  out.status = status;
  out.headers.push_back({"Content-Type", std::string{json_content_type}});
  out.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return out;
}

/// A fake's control route (POST <prefix><action>, e.g. /_chatbind/heychat/command): nullopt when the
/// path is not under `prefix`; 404 for an action not in `actions`; otherwise `act(action)`'s JSON
/// text with 200, or 400 {"error": …} naming what was wrong (a method other than POST included).
template <class Act>
[[nodiscard]] std::optional<HttpResponse> control_route(const HttpRequest& request, std::string_view prefix,
                                                        std::initializer_list<std::string_view> actions, Act&& act) {
  if (!request.path.starts_with(prefix)) return std::nullopt;
  const std::string_view action = std::string_view{request.path}.substr(prefix.size());
  if (std::find(actions.begin(), actions.end(), action) == actions.end())
    return json_response(Json{{"error", "no such control route"}}, 404);
  const Result<std::string> done = request.method == Method::post
                                       ? std::forward<Act>(act)(action)
                                       : Result<std::string>{Error::make(ErrorKind::invalid_request, "POST expected")};
  if (!done) return json_response(Json{{"error", done.error().describe()}}, 400);
  HttpResponse out;
  out.status = 200;
  out.headers.push_back({"Content-Type", std::string{json_content_type}});
  out.body = *done;
  return out;
}

}  // namespace detail

/// A fake platform: a Transport (copies share one state, so a test keeps a handle on what the code
/// under test did) that answers every endpoint of Policy::endpoints. Thread-safe: one request at a
/// time. Scripted handlers run under the fake's lock and must not call the fake themselves.
template <class Policy>
class BasicFake {
 public:
  using policy_type = Policy;
  using endpoints = typename Policy::endpoints;

  explicit BasicFake(Policy policy = {}) : shared_(std::make_shared<Shared>(std::move(policy))) {}

  /// The transport: answers one request as the platform would.
  Result<HttpResponse> operator()(const HttpRequest& request) const {
    std::lock_guard lock(shared_->mutex);
    std::optional<HttpResponse> out;
    boost::mp11::mp_for_each<endpoints>([&](auto endpoint) {
      using E = decltype(endpoint);
      if (!out && request.method == E::method && request.path == E::path) out = handle<E>(request);
    });
    return out ? std::move(*out) : shared_->policy.unknown_route(request);
  }

  /// Whether one of the platform's endpoints has this path (any method).
  [[nodiscard]] static bool has_path(std::string_view path) {
    bool found = false;
    boost::mp11::mp_for_each<endpoints>([&](auto endpoint) { found = found || decltype(endpoint)::path == path; });
    return found;
  }

  /// Scripts endpoint E, like a GoogleMock expectation: from now on `handler(request)` answers it
  /// (a typed response, a Failure or a raw HttpResponse) instead of the fake's default behaviour.
  template <EndpointDescriptor E, class Handler>
    requires boost::mp11::mp_contains<endpoints, E>::value &&
             std::convertible_to<std::invoke_result_t<Handler&, const typename E::request&>, Reply<E>>
  BasicFake& on(Handler handler) {
    std::lock_guard lock(shared_->mutex);
    shared_->scripts[key<E>()] = std::function<Reply<E>(const typename E::request&)>{std::move(handler)};
    return *this;
  }

  /// Removes the script of E: the fake's default behaviour answers it again.
  template <EndpointDescriptor E>
  BasicFake& reset() {
    std::lock_guard lock(shared_->mutex);
    shared_->scripts.erase(key<E>());
    return *this;
  }

  /// How many calls the record keeps: the oldest go first, so that a long-running chatbind-fake
  /// does not grow without bound.
  static constexpr std::size_t max_recorded_calls = 10000;

  /// Every call accepted so far (the newest max_recorded_calls), in order.
  [[nodiscard]] std::vector<Call> calls() const {
    std::lock_guard lock(shared_->mutex);
    return {shared_->calls.begin(), shared_->calls.end()};
  }

  /// The decoded requests of every accepted call to E, in order.
  template <EndpointDescriptor E>
  [[nodiscard]] std::vector<typename E::request> requests() const {
    std::lock_guard lock(shared_->mutex);
    std::vector<typename E::request> out;
    for (const Call& c : shared_->calls)
      if (const auto* r = c.template request<E>()) out.push_back(*r);
    return out;
  }

 protected:
  /// Runs `f(policy)` under the fake's lock: how a platform's fake reads and changes its state.
  template <class F>
  decltype(auto) with_policy(F&& f) const {
    std::lock_guard lock(shared_->mutex);
    return std::forward<F>(f)(shared_->policy);
  }

 private:
  struct Shared {
    explicit Shared(Policy p) : policy(std::move(p)) {}
    std::mutex mutex;
    Policy policy;
    std::deque<Call> calls;
    std::map<std::string, std::any, std::less<>> scripts;  // key<E>() -> std::function<Reply<E>(const request&)>
  };

  template <EndpointDescriptor E>
  static std::string key() {
    return std::string{to_string(E::method)} + ' ' + std::string{E::path};
  }

  template <EndpointDescriptor E>
  HttpResponse handle(const HttpRequest& http) const {
    Policy& policy = shared_->policy;
    if constexpr (!chatbind::detail::is_anonymous<E>) {  // `security: []`: no credential to check
      if constexpr (requires { policy.template reject<E>(http); }) {  // credentials that differ by endpoint
        if (auto rejected = policy.template reject<E>(http)) return std::move(*rejected);
      } else {
        if (auto rejected = policy.reject(http)) return std::move(*rejected);
      }
    }
    auto request = [&] {
      if constexpr (requires { policy.template decode<E>(http); }) {
        return policy.template decode<E>(http);
      } else {
        return detail::decode_request<E>(http);
      }
    }();
    if (!request) return policy.template invalid<E>(request.error());
    shared_->calls.push_back(Call::make<E>(*request));
    if (shared_->calls.size() > max_recorded_calls) shared_->calls.pop_front();
    using Handler = std::function<Reply<E>(const typename E::request&)>;
    const auto script = shared_->scripts.find(key<E>());
    Reply<E> reply = script != shared_->scripts.end() ? std::any_cast<const Handler&>(script->second)(*request)
                                                      : policy.template answer<E>(*request);
    return std::visit(
        [&](auto& r) -> HttpResponse {
          using R = std::remove_cvref_t<decltype(r)>;
          if constexpr (std::is_same_v<R, HttpResponse>) {
            return std::move(r);
          } else if constexpr (std::is_same_v<R, Failure>) {
            return policy.template failure<E>(r);
          } else {
            return policy.template success<E>(r);
          }
        },
        reply);
  }

  std::shared_ptr<Shared> shared_;
};

}  // namespace chatbind::testing
