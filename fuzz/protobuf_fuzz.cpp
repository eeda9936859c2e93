// libFuzzer: the protobuf codec. For each protobuf endpoint of the Yunhu client API three cases,
// named on the input's first line: "<endpoint> request" and "<endpoint> response" decode the rest as
// that message type (decode → encode → decode is the identity, encoded_size is the encoding's size),
// "<endpoint> http" as the endpoint's HTTP response. Seeded with binary messages (fuzz/CMakeLists.txt
// encodes the captures with protoc) under each case that decodes them.
#include "common.hpp"

#include <chatbind/yunhu.hpp>

namespace {

template <class M>
bool round_trip(std::string_view in) {
  auto m = chatbind::protobuf::decode<M>(in);
  chatbind_fuzz::check(m);
  if (!m) return false;
  const std::string bytes = chatbind::protobuf::encode(*m);
  auto again = chatbind::protobuf::decode<M>(bytes);
  if (!again || !(*again == *m)) __builtin_trap();
  if (chatbind::protobuf::encoded_size(*m) != bytes.size()) __builtin_trap();
  return true;
}

template <class E>
bool as_response(std::string_view in) {
  auto r = chatbind::decode_response<E>(chatbind::HttpResponse{
      .status = 200, .headers = {{"Content-Type", "application/x-protobuf"}}, .body = std::string{in}});
  chatbind_fuzz::check(r);
  return r.has_value();
}

}  // namespace

chatbind_fuzz::Table chatbind_fuzz::cases() {
  chatbind_fuzz::Table t;
  chatbind_fuzz::for_each_type<chatbind::yunhu::all_endpoints>([&](auto e) {
    using E = decltype(e);
    if constexpr (E::body == chatbind::Body::protobuf) {
      const std::string name = chatbind_fuzz::endpoint_case<E>("yunhu");
      t.add(name + " request", &round_trip<typename E::request>);
      t.add(name + " response", &round_trip<typename E::response>);
      t.add(name + " http", &as_response<E>);
    }
  });
  return t;
}
