// Protobuf: chatbind's header-only codec against libprotobuf (protoc --cpp_out of the same .proto)
// on a Yunhu message list of 50 messages built from the seed's response sketch. Pairs share a name
// prefix; bench/ratios.py divides chatbind by the reference.
#include <chatbind/yunhu.hpp>

#include "yunhu/msg.pb.h"

#include <benchmark/benchmark.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

constexpr int kMessages = 50;

/// The seed's list-message response, its one message repeated kMessages times, in wire form.
std::string make_wire() {
  std::ifstream in{std::string{CHATBIND_TEST_DATA} + "/yunhu/list_message.response.txtpb"};
  std::ostringstream text;
  text << in.rdbuf();
  oracle::yunhu::MessageList list;
  if (!google::protobuf::TextFormat::ParseFromString(text.str(), &list)) throw std::runtime_error("bad text format");
  const oracle::yunhu::ChatMessage first = list.msg(0);
  for (int i = 1; i < kMessages; ++i) {
    auto* m = list.add_msg();
    *m = first;
    m->set_msg_seq(first.msg_seq() + static_cast<std::uint64_t>(i));
  }
  return list.SerializeAsString();
}

const std::string& wire() {
  static const std::string w = make_wire();
  return w;
}

void MessageListDecode_reference(benchmark::State& state) {
  for (auto _ : state) {
    oracle::yunhu::MessageList list;
    if (!list.ParseFromString(wire())) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(list);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire().size()));
}

void MessageListDecode_chatbind(benchmark::State& state) {
  for (auto _ : state) {
    auto list = chatbind::protobuf::decode<chatbind::yunhu::MessageList>(wire());
    if (!list) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(list);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire().size()));
}

void MessageListEncode_reference(benchmark::State& state) {
  oracle::yunhu::MessageList list;
  list.ParseFromString(wire());
  for (auto _ : state) {
    auto bytes = list.SerializeAsString();
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire().size()));
}

void MessageListEncode_chatbind(benchmark::State& state) {
  const auto list = chatbind::protobuf::decode<chatbind::yunhu::MessageList>(wire()).value();
  if (chatbind::protobuf::encode(list) != wire()) state.SkipWithError("chatbind's bytes differ from libprotobuf's");
  for (auto _ : state) {
    auto bytes = chatbind::protobuf::encode(list);
    benchmark::DoNotOptimize(bytes);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * wire().size()));
}

BENCHMARK(MessageListDecode_reference);
BENCHMARK(MessageListDecode_chatbind);
BENCHMARK(MessageListEncode_reference);
BENCHMARK(MessageListEncode_chatbind);

}  // namespace

BENCHMARK_MAIN();
