// chatbind — Heychat's event stream over a real websocket: the platform-neutral Boost.Beast client
// (chatbind/transport/beast_websocket.hpp) with Heychat's heartbeat (heychat::Websocket, generated
// from x-chatbind-websocket), each frame fed to an EventSession. Link the chatbind::heychat_events
// CMake target.
//
//   asio::io_context io;
//   heychat::Dispatcher d;
//   d.on<heychat::ChannelMessageEvent>([](const auto& m) { std::cout << m.msg << '\n'; });
//   heychat::EventClient events{io.get_executor(), heychat::Credentials{.token = "…"}, std::move(d)};
//   events.start();
//   io.run();
#pragma once

#include "chatbind/heychat/events.hpp"
#include "chatbind/transport/beast_websocket.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace chatbind::heychat {

/// The websocket options Heychat needs: its heartbeat texts and interval (from the spec).
[[nodiscard]] inline transport::WebSocketOptions websocket_options() {
  transport::WebSocketOptions options;
  options.ping_interval = Websocket::heartbeat_interval;
  options.ping_text = std::string{Websocket::heartbeat_send};
  options.pong_text = std::string{Websocket::heartbeat_receive};
  return options;
}

/// Heychat's event stream: the websocket of websocket_request() kept alive by BeastWebSocketClient,
/// each frame fed to an EventSession (decoded, de-duplicated, dispatched); the de-duplicator is reset
/// on every reconnect. Frames that do not decode and lost connections go to `on_error`.
class EventClient : public transport::EventStreamClient<EventSession> {
 public:
  EventClient(boost::asio::any_io_executor executor, const Credentials& credentials, Dispatcher dispatcher,
              std::function<void(const Error&)> on_error = {}, transport::WebSocketOptions options = websocket_options(),
              std::string base_url = std::string{Websocket::default_base_url},
              std::shared_ptr<boost::asio::ssl::context> tls = {})
      : EventStreamClient(std::move(executor), websocket_request(credentials, std::move(base_url)),
                          EventSession{std::move(dispatcher)}, std::move(on_error), std::move(options), std::move(tls)) {}
};

}  // namespace chatbind::heychat
