// Protobuf: chatbind's header-only codec against libprotobuf (protoc --cpp_out of the same .proto)
// on a Yunhu message list of 50 messages built from the seed's response sketch. Pairs share a name
// prefix; bench/ratios.py divides chatbind by the reference.
#include <chatbind/yunhu.hpp>

#include "yunhu/msg.pb.h"

#include <benchmark/benchmark.h>
#include "measure.hpp"
#include <google/protobuf/text_format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace {

using chatbind_bench::measure;

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
  measure(state, wire().size(), [&] {
    oracle::yunhu::MessageList list;
    if (!list.ParseFromString(wire())) state.SkipWithError("parse failed");
    benchmark::DoNotOptimize(list);
  });
}

void MessageListDecode_chatbind(benchmark::State& state) {
  measure(state, wire().size(), [&] {
    auto list = chatbind::protobuf::decode<chatbind::yunhu::MessageList>(wire());
    if (!list) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(list);
  });
}

void MessageListEncode_reference(benchmark::State& state) {
  oracle::yunhu::MessageList list;
  list.ParseFromString(wire());
  measure(state, wire().size(), [&] {
    auto bytes = list.SerializeAsString();
    benchmark::DoNotOptimize(bytes);
  });
}

void MessageListEncode_chatbind(benchmark::State& state) {
  const auto list = chatbind::protobuf::decode<chatbind::yunhu::MessageList>(wire()).value();
  if (chatbind::protobuf::encode(list) != wire()) state.SkipWithError("chatbind's bytes differ from libprotobuf's");
  measure(state, wire().size(), [&] {
    auto bytes = chatbind::protobuf::encode(list);
    benchmark::DoNotOptimize(bytes);
  });
}

// A send-message request, serialised by each (the msg_id given, so that no UUID is drawn).
chatbind::yunhu::SendMessageRequest send_request() {
  chatbind::yunhu::SendMessageRequest r{};
  r.msg_id = "0123456789abcdef0123456789abcdef";
  r.chat_id = "big-group-42";
  r.chat_type = chatbind::yunhu::ChatType::group;
  r.data.emplace();
  r.data->text = "你好, 云湖! A reply with a little text in it, as bots send.";
  r.content_type = chatbind::yunhu::ContentType::text;
  return r;
}

void SendMessageEncode_reference(benchmark::State& state) {
  const std::string wire_bytes = chatbind::protobuf::encode(send_request());
  oracle::yunhu::SendMessageRequest message;
  if (!message.ParseFromString(wire_bytes)) state.SkipWithError("parse failed");
  measure(state, wire_bytes.size(), [&] {
    auto bytes = message.SerializeAsString();
    benchmark::DoNotOptimize(bytes);
  });
}

void SendMessageEncode_chatbind(benchmark::State& state) {
  const auto request = send_request();
  measure(state, chatbind::protobuf::encoded_size(request), [&] {
    auto bytes = chatbind::protobuf::encode(request);
    benchmark::DoNotOptimize(bytes);
  });
}

BENCHMARK(MessageListDecode_reference);
BENCHMARK(MessageListDecode_chatbind);
BENCHMARK(MessageListEncode_reference);
BENCHMARK(MessageListEncode_chatbind);
BENCHMARK(SendMessageEncode_reference);
BENCHMARK(SendMessageEncode_chatbind);

}  // namespace

BENCHMARK_MAIN();
