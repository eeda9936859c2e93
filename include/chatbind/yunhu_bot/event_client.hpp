// chatbind — the Yunhu bot's event subscription over a websocket (wss://ws.jwzhd.com/subscribe?token=…,
// the alternative to the webhook): the platform-neutral Boost.Beast client of
// chatbind/transport/beast_websocket.hpp, kept alive with websocket ping frames as the adapters do
// (no text heartbeat exists), each frame fed to an EventSession. Link the chatbind::yunhu_bot_events
// CMake target.
//
//   asio::io_context io;
//   yunhu_bot::Dispatcher d;
//   d.on<yunhu_bot::MessageReceiveNormalEvent>([](const auto& m) { std::cout << *m.message.content.text << '\n'; });
//   yunhu_bot::EventClient events{io.get_executor(), yunhu_bot::Credentials{.token = "…"}, std::move(d)};
//   events.start();
//   io.run();
#pragma once

#include "chatbind/transport/beast_websocket.hpp"
#include "chatbind/yunhu_bot/events.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <utility>

namespace chatbind::yunhu_bot {

/// The upgrade request of the subscription: the bot token in the query (listed in secret_query, so
/// printing the request redacts it).
[[nodiscard]] inline HttpRequest websocket_request(const Credentials& credentials,
                                                   std::string base_url = std::string{Websocket::default_base_url}) {
  static_assert(Websocket::token_in_query && !Websocket::common_query);
  HttpRequest request;
  request.method = Method::get;
  request.base_url = std::move(base_url);
  request.path = std::string{Websocket::path};
  request.query.emplace_back("token", credentials.token);
  request.secret_query.emplace_back("token");
  return request;
}

/// The websocket options the subscription needs: ping frames every Websocket::heartbeat_interval (30 s,
/// from the spec) and a reconnect that starts after 5 s, as the adapters do.
[[nodiscard]] inline transport::WebSocketOptions websocket_options() {
  transport::WebSocketOptions options;
  options.ping_interval = Websocket::heartbeat_interval;
  options.ping_text = {};  // websocket ping frames, not a text heartbeat
  options.pong_text = {};
  options.backoff_base = std::chrono::seconds{5};
  return options;
}

/// The event subscription: websocket_request() kept alive by BeastWebSocketClient, each frame fed to
/// an EventSession (decoded, de-duplicated by eventId across reconnects, dispatched). Frames that do
/// not decode and lost connections go to `on_error`.
class EventClient : public transport::EventStreamClient<EventSession> {
 public:
  EventClient(boost::asio::any_io_executor executor, const Credentials& credentials, Dispatcher dispatcher,
              std::function<void(const Error&)> on_error = {}, transport::WebSocketOptions options = websocket_options(),
              std::string base_url = std::string{Websocket::default_base_url},
              std::shared_ptr<boost::asio::ssl::context> tls = {})
      : EventStreamClient(std::move(executor), websocket_request(credentials, std::move(base_url)),
                          EventSession{std::move(dispatcher)}, std::move(on_error), std::move(options), std::move(tls)) {}
};

}  // namespace chatbind::yunhu_bot
