// libFuzzer: Heychat's websocket frames through decode_event, the de-duplicating EventSession and
// the Dispatcher, as a connection feeds them. Each input is split at newlines into several frames,
// so that repeats and interleavings are reached too. What decodes re-encodes to the same event.
#include "common.hpp"

#include <chatbind/heychat.hpp>
#include <chatbind/heychat/events.hpp>

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in = chatbind_fuzz::input(data, size);
  namespace hc = chatbind::heychat;
  std::size_t seen = 0;
  hc::Dispatcher dispatcher;
  dispatcher.on<hc::ChannelMessageEvent>([&](const hc::ChannelMessageEvent&) { ++seen; })
      .otherwise([&](const hc::Event&) { ++seen; });
  hc::EventSession session{std::move(dispatcher), 8};
  std::string_view rest = in;
  while (!rest.empty()) {
    const std::size_t nl = rest.find('\n');
    const std::string_view frame = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view{} : rest.substr(nl + 1);
    if (auto event = hc::decode_event(frame)) {
      auto again = hc::decode_event(hc::encode_event(*event));
      if (!again || !(*again == *event)) __builtin_trap();
    } else {
      chatbind_fuzz::check(event);
    }
    chatbind_fuzz::check(session.feed(frame));
  }
  (void)seen;
  return 0;
}
