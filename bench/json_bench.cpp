// JSON: chatbind's typed decode/encode of the room/view payload against plain nlohmann_json on the
// same bytes. Pairs share a name prefix; bench/ratios.py divides chatbind by the reference.
#include <chatbind/heychat.hpp>

#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>
#include <string>

namespace {

std::string room_view_text() {
  std::ifstream in{std::string{CHATBIND_TEST_DATA} + "/heychat/room_view.result.json"};
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

const std::string& text() {
  static const std::string t = room_view_text();
  return t;
}

// Reference: parse into nlohmann's DOM (what a hand-written binding starts from).
void RoomViewDecode_reference(benchmark::State& state) {
  for (auto _ : state) {
    auto j = nlohmann::json::parse(text());
    benchmark::DoNotOptimize(j);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text().size()));
}

// chatbind: parse and decode into the typed RoomView, with field-path error tracking.
void RoomViewDecode_chatbind(benchmark::State& state) {
  for (auto _ : state) {
    auto r = chatbind::json::parse_as<chatbind::heychat::RoomView>(text());
    if (!r) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(r);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text().size()));
}

void RoomViewEncode_reference(benchmark::State& state) {
  const auto j = nlohmann::json::parse(text());
  for (auto _ : state) {
    auto s = j.dump();
    benchmark::DoNotOptimize(s);
  }
}

void RoomViewEncode_chatbind(benchmark::State& state) {
  const auto view = chatbind::json::parse_as<chatbind::heychat::RoomView>(text()).value();
  for (auto _ : state) {
    auto s = chatbind::json::to_json(view).dump();
    benchmark::DoNotOptimize(s);
  }
}

BENCHMARK(RoomViewDecode_reference);
BENCHMARK(RoomViewDecode_chatbind);
BENCHMARK(RoomViewEncode_reference);
BENCHMARK(RoomViewEncode_chatbind);

}  // namespace

BENCHMARK_MAIN();
