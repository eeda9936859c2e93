// libFuzzer: the protobuf codec on every Yunhu message type (each endpoint's request and response),
// and the bytes as each protobuf endpoint's HTTP response. What decodes re-encodes to bytes that
// decode to the same value. Seeded with binary messages (fuzz/CMakeLists.txt encodes them with protoc).
#include "common.hpp"

#include <chatbind/yunhu.hpp>

namespace {

template <class M>
void round_trip(const std::string& in) {
  auto m = chatbind::protobuf::decode<M>(in);
  chatbind_fuzz::check(m);
  if (m) {
    auto again = chatbind::protobuf::decode<M>(chatbind::protobuf::encode(*m));
    if (!again || !(*again == *m)) __builtin_trap();
    if (chatbind::protobuf::encoded_size(*m) != chatbind::protobuf::encode(*m).size()) __builtin_trap();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string in = chatbind_fuzz::input(data, size);
  chatbind_fuzz::for_each_endpoint<chatbind::yunhu::all_endpoints>([&](auto e) {
    using E = decltype(e);
    if constexpr (E::body == chatbind::Body::protobuf) {
      round_trip<typename E::request>(in);
      round_trip<typename E::response>(in);
      chatbind_fuzz::check(chatbind::decode_response<E>(chatbind::HttpResponse{
          .status = 200, .headers = {{"Content-Type", "application/x-protobuf"}}, .body = in}));
    }
  });
  return 0;
}
