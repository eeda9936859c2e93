// JSON: chatbind's typed decode/encode against plain nlohmann_json on the same bytes — Heychat
// room/view, a roles list, a batch of 100 type-"5" event frames (decode + dispatch), a Wildfire
// chatroom info. Pairs share a name prefix; bench/ratios.py divides chatbind by the reference.
// Every case also reports heap allocations and bytes per iteration (a counting operator new).
#include <chatbind/core/json_dom.hpp>
#include <chatbind/heychat.hpp>
#include <chatbind/heychat/events.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/wildfire/generated/spec_examples.hpp>

#include <benchmark/benchmark.h>
#if CHATBIND_BENCH_SIMDJSON
#include <simdjson.h>
#endif

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "measure.hpp"

namespace {

using chatbind_bench::measure;

std::string read_data(const std::string& name) {
  std::ifstream in{std::string{CHATBIND_TEST_DATA} + "/" + name};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const std::string& room_view() {
  static const std::string t = read_data("heychat/room_view.result.json");
  return t;
}
/// The roles list payload (the capture's `result`).
const std::string& roles() {
  static const std::string t = nlohmann::json::parse(read_data("heychat/room_role_roles.json"))["result"].dump();
  return t;
}
/// 100 channel-message frames: the real capture with 100 sequence numbers.
const std::vector<std::string>& frames() {
  static const std::vector<std::string> f = [] {
    auto frame = nlohmann::ordered_json::parse(read_data("heychat/captures/event-5-channel-message.json"));
    std::vector<std::string> out;
    for (int i = 0; i < 100; ++i) {
      frame["sequence"] = 11780327939 + i;
      out.push_back(frame.dump());
    }
    return out;
  }();
  return f;
}
std::size_t frame_bytes() {
  std::size_t n = 0;
  for (const auto& f : frames()) n += f.size();
  return n;
}
/// Wildfire's chatroom info (the spec example's `result`).
const std::string& chatroom_info() {
  static const std::string t =
      nlohmann::json::parse(chatbind::wildfire::response_example<chatbind::wildfire::GetChatroomInfo>)["result"].dump();
  return t;
}

template <class T>
void decode_reference(benchmark::State& state, const std::string& text) {
  measure(state, text.size(), [&] {
    auto j = nlohmann::json::parse(text);
    benchmark::DoNotOptimize(j);
  });
}
template <class T>
void decode_chatbind(benchmark::State& state, const std::string& text) {
  measure(state, text.size(), [&] {
    auto r = chatbind::json::parse_as<T>(text);
    if (!r) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(r);
  });
}
template <class T>
void encode_reference(benchmark::State& state, const std::string& text) {
  const auto j = nlohmann::json::parse(text);
  measure(state, text.size(), [&] {
    auto s = j.dump();
    benchmark::DoNotOptimize(s);
  });
}
template <class T>
void encode_chatbind(benchmark::State& state, const std::string& text) {
  const T value = chatbind::json::parse_as<T>(text).value();
  measure(state, text.size(), [&] {
    auto s = chatbind::json::to_string(value);
    benchmark::DoNotOptimize(s);
  });
}

using chatbind::heychat::RoomRoleList;
using chatbind::heychat::RoomView;
using chatbind::wildfire::ChatroomInfo;

// Reference: parse into nlohmann's DOM (what a hand-written binding starts from); chatbind: parse
// and decode into the typed struct, with field-path error tracking.
void RoomViewDecode_reference(benchmark::State& s) { decode_reference<RoomView>(s, room_view()); }
void RoomViewDecode_chatbind(benchmark::State& s) { decode_chatbind<RoomView>(s, room_view()); }
void RoomViewEncode_reference(benchmark::State& s) { encode_reference<RoomView>(s, room_view()); }
void RoomViewEncode_chatbind(benchmark::State& s) { encode_chatbind<RoomView>(s, room_view()); }
void RolesDecode_reference(benchmark::State& s) { decode_reference<RoomRoleList>(s, roles()); }
void RolesDecode_chatbind(benchmark::State& s) { decode_chatbind<RoomRoleList>(s, roles()); }
void WildfireChatroomInfoDecode_reference(benchmark::State& s) { decode_reference<ChatroomInfo>(s, chatroom_info()); }
void WildfireChatroomInfoDecode_chatbind(benchmark::State& s) { decode_chatbind<ChatroomInfo>(s, chatroom_info()); }

// 100 event frames: the reference parses each into a DOM and reads its type; chatbind decodes each
// into its typed Event and dispatches it.
void EventBatchDecode_reference(benchmark::State& state) {
  measure(state, frame_bytes(), [&] {
    std::size_t fives = 0;
    for (const auto& f : frames()) {
      auto j = nlohmann::json::parse(f);
      fives += j["type"] == "5";
    }
    benchmark::DoNotOptimize(fives);
  });
}
void EventBatchDecode_chatbind(benchmark::State& state) {
  std::size_t messages = 0;
  chatbind::heychat::Dispatcher dispatcher;
  dispatcher.on<chatbind::heychat::ChannelMessageEvent>([&](const chatbind::heychat::ChannelMessageEvent&) { ++messages; });
  measure(state, frame_bytes(), [&] {
    for (const auto& f : frames()) {
      auto event = chatbind::heychat::decode_event(f);
      if (!event) state.SkipWithError("decode failed");
      dispatcher.dispatch(*event);
    }
  });
  benchmark::DoNotOptimize(messages);
}

#if CHATBIND_BENCH_SIMDJSON
// The floor: simdjson's own DOM parse of the same bytes (SIMD, no typed result), so that the table
// shows how far each decoder is from what a parser can do on this machine.
void simdjson_floor(benchmark::State& state, const std::string& text) {
  simdjson::dom::parser parser;
  const simdjson::padded_string padded{text};
  measure(state, text.size(), [&] {
    auto doc = parser.parse(padded);
    if (doc.error()) state.SkipWithError("simdjson failed");
    benchmark::DoNotOptimize(doc);
  });
}
void RoomViewDecode_floor(benchmark::State& s) { simdjson_floor(s, room_view()); }
void RolesDecode_floor(benchmark::State& s) { simdjson_floor(s, roles()); }
void WildfireChatroomInfoDecode_floor(benchmark::State& s) { simdjson_floor(s, chatroom_info()); }
void EventBatchDecode_floor(benchmark::State& state) {
  simdjson::dom::parser parser;
  std::vector<simdjson::padded_string> padded;
  for (const auto& f : frames()) padded.emplace_back(f);
  measure(state, frame_bytes(), [&] {
    std::size_t fives = 0;
    for (const auto& f : padded) {
      auto doc = parser.parse(f);
      std::string_view type;
      if (!doc["type"].get(type)) fives += type == "5";
    }
    benchmark::DoNotOptimize(fives);
  });
}
BENCHMARK(RoomViewDecode_floor);
BENCHMARK(RolesDecode_floor);
BENCHMARK(EventBatchDecode_floor);
BENCHMARK(WildfireChatroomInfoDecode_floor);
#endif

BENCHMARK(RoomViewDecode_reference);
BENCHMARK(RoomViewDecode_chatbind);
BENCHMARK(RoomViewEncode_reference);
BENCHMARK(RoomViewEncode_chatbind);
BENCHMARK(RolesDecode_reference);
BENCHMARK(RolesDecode_chatbind);
BENCHMARK(EventBatchDecode_reference);
BENCHMARK(EventBatchDecode_chatbind);
BENCHMARK(WildfireChatroomInfoDecode_reference);
BENCHMARK(WildfireChatroomInfoDecode_chatbind);

}  // namespace

BENCHMARK_MAIN();
