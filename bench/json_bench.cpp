// JSON: chatbind's typed decode/encode against plain nlohmann_json on the same bytes — Heychat
// room/view, a roles list, a batch of 100 type-"5" event frames (decode + dispatch), a Wildfire
// chatroom info. Pairs share a name prefix; bench/ratios.py divides chatbind by the reference.
// Every case also reports heap allocations and bytes per iteration (a counting operator new).
#include <chatbind/heychat.hpp>
#include <chatbind/heychat/events.hpp>
#include <chatbind/wildfire.hpp>
#include <chatbind/wildfire/generated/spec_examples.hpp>

#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

// --- allocation counting -------------------------------------------------------------------------
namespace {
std::atomic<std::size_t> g_allocations{0};
std::atomic<std::size_t> g_bytes{0};
}  // namespace

void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(n, std::memory_order_relaxed);
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc{};
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }

namespace {

/// Runs `body` once per iteration and reports allocations and allocated bytes per iteration.
template <class F>
void measure(benchmark::State& state, std::size_t bytes, F&& body) {
  const std::size_t a0 = g_allocations.load();
  const std::size_t b0 = g_bytes.load();
  for (auto _ : state) body();
  const auto n = static_cast<double>(state.iterations());
  state.counters["allocs"] = static_cast<double>(g_allocations.load() - a0) / n;
  state.counters["alloc_bytes"] = static_cast<double>(g_bytes.load() - b0) / n;
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

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
