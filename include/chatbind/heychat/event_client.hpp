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
class EventClient {
 public:
  EventClient(boost::asio::any_io_executor executor, const Credentials& credentials, Dispatcher dispatcher,
              std::function<void(const Error&)> on_error = {}, transport::WebSocketOptions options = websocket_options(),
              std::string base_url = std::string{Websocket::default_base_url},
              std::shared_ptr<boost::asio::ssl::context> tls = {})
      : state_(std::make_shared<State>(std::move(dispatcher), std::move(on_error))),
        client_(std::move(executor), websocket_request(credentials, std::move(base_url)), handlers(state_),
                std::move(options), std::move(tls)) {}

  void start() { client_.start(); }
  void stop() { client_.stop(); }

 private:
  struct State {
    State(Dispatcher d, std::function<void(const Error&)> e) : session(std::move(d)), on_error(std::move(e)) {}
    EventSession session;
    std::function<void(const Error&)> on_error;
  };

  static transport::WebSocketHandlers handlers(const std::shared_ptr<State>& state) {
    return {
        .on_frame =
            [state](std::string_view frame) {
              if (auto r = state->session.feed(frame); !r && state->on_error) state->on_error(r.error());
            },
        .on_connect = [state] { state->session.connected(); },
        .on_disconnect =
            [state](const Error& e) {
              if (state->on_error) state->on_error(e);
            },
    };
  }

  std::shared_ptr<State> state_;
  transport::BeastWebSocketClient client_;
};

}  // namespace chatbind::heychat
