// libFuzzer: the event decoders, as the receivers feed them network bytes. Cases, named on the
// input's first line:
//   "heychat frames"  Heychat websocket frames (the rest split at newlines, so that repeats and
//                     interleavings are reached) through decode_event, the de-duplicating EventSession
//                     and the Dispatcher;
//   "yunhu_bot event" a Yunhu bot webhook body through decode_event and the WebhookHandler;
//   "wildfire <name>" a Wildfire callback (message, robotMessage, userOnlineStatus, …) through its
//                     payload's decoder and the CallbackHandler.
// What decodes re-encodes to the same value. Seeds: the event captures in tests/data and the spec's
// callback examples.
#include "common.hpp"

#include <chatbind/heychat.hpp>
#include <chatbind/heychat/events.hpp>
#include <chatbind/wildfire/callbacks.hpp>
#include <chatbind/wildfire/generated/spec_examples.hpp>
#include <chatbind/yunhu_bot/events.hpp>
#include <chatbind/yunhu_bot/webhook.hpp>

#include <string_view>

namespace {

bool heychat_frames(std::string_view in) {
  namespace hc = chatbind::heychat;
  std::size_t seen = 0;
  hc::Dispatcher dispatcher;
  dispatcher.on<hc::ChannelMessageEvent>([&](const hc::ChannelMessageEvent&) { ++seen; })
      .otherwise([&](const hc::Event&) { ++seen; });
  hc::EventSession session{std::move(dispatcher), 8};
  bool decoded = false;
  std::string_view rest = in;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view frame = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (auto event = hc::decode_event(frame)) {
      decoded = true;
      auto again = hc::decode_event(hc::encode_event(*event));
      if (!again || !(*again == *event)) __builtin_trap();
    } else {
      chatbind_fuzz::check(event);
    }
    chatbind_fuzz::check(session.feed(frame));
  }
  return decoded;
}

bool yunhu_bot_event(std::string_view in) {
  namespace yb = chatbind::yunhu_bot;
  auto event = yb::decode_event(in);
  chatbind_fuzz::check(event);
  if (event) {
    auto again = yb::decode_event(yb::encode_event(*event));
    if (!again || !(*again == *event)) __builtin_trap();
  }
  std::size_t seen = 0;
  yb::Dispatcher dispatcher;
  dispatcher.otherwise([&](const yb::Event&) { ++seen; });
  yb::WebhookHandler handler{std::move(dispatcher)};
  const auto reply = handler.handle("POST", in);
  // The handler answers as the decoder decides, within its body limit.
  if (in.size() <= yb::WebhookHandler::default_max_body && (reply.status == 200) != event.has_value()) __builtin_trap();
  return event.has_value();
}

template <class W>
bool wildfire_callback(std::string_view in) {
  namespace wf = chatbind::wildfire;
  auto payload = chatbind::json::parse_as<typename W::payload>(in, std::string{W::name});
  chatbind_fuzz::check(payload);
  if (payload) {
    auto text = chatbind::json::to_string(*payload);
    if (text) {
      auto again = chatbind::json::parse_as<typename W::payload>(*text);
      if (!again || !(*again == *payload)) __builtin_trap();
    }
  }
  wf::CallbackHandler handler;
  const auto reply = handler.handle("POST", wf::default_callback_path<W>(), in);
  // What decodes is never refused as malformed, within the handler's body limit.
  if (in.size() <= wf::CallbackHandler::default_max_body && payload && reply.status == 400) __builtin_trap();
  return payload.has_value();
}

}  // namespace

chatbind_fuzz::Table chatbind_fuzz::cases() {
  chatbind_fuzz::Table t;
  t.add("heychat frames", &heychat_frames);
  t.add("yunhu_bot event", &yunhu_bot_event);
  chatbind_fuzz::for_each_type<chatbind::wildfire::all_callbacks>([&](auto w) {
    using W = decltype(w);
    t.add("wildfire " + std::string{W::name}, &wildfire_callback<W>, std::string{chatbind::wildfire::webhook_example<W>});
  });
  return t;
}
