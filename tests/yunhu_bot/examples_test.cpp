// Every Yunhu bot endpoint against the spec's published examples (each example's source is named in
// spec/yunhu_bot.yaml): the response example decodes and re-encodes to the same `data`, key for key;
// the request example decodes as the request type and encodes back to the same body. Compared as
// unordered JSON objects: the order of keys in a published example is the writer's, not the API's.
#include "yunhu_bot/endpoint_test_support.hpp"

#include <boost/mp11/algorithm.hpp>
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <string>
#include <type_traits>

namespace {

namespace yb = chatbind::yunhu_bot;
using Json = nlohmann::json;  // unordered: chatbind::Json keeps (and compares) key order
using namespace chatbind::test::yunhu_bot_endpoints;

template <class E>
std::string name_of() {
  return std::string{E::path};
}

TEST(YunhuBotExamples, EveryResponseExampleDecodesAndReencodesKeyForKey) {
  std::size_t checked = 0;
  boost::mp11::mp_for_each<yb::all_endpoints>([&](auto e) {
    using E = decltype(e);
    SCOPED_TRACE(name_of<E>());
    const auto payload = decode_example<E>();
    const Json example = Json::parse(yb::response_example<E>);
    if constexpr (std::is_same_v<typename E::response, chatbind::Empty>) {
      EXPECT_FALSE(example.contains("data")) << "an Empty response whose example carries data";
    } else {
      ASSERT_TRUE(example.contains("data"));
      auto text = chatbind::json::to_string(payload);
      ASSERT_TRUE(text) << text.error();
      EXPECT_EQ(Json::parse(*text), example["data"]);
    }
    ++checked;
  });
  EXPECT_EQ(checked, boost::mp11::mp_size<yb::all_endpoints>::value);
}

TEST(YunhuBotExamples, EveryJsonRequestExampleRoundTripsThroughTheRequestType) {
  std::size_t checked = 0;
  boost::mp11::mp_for_each<yb::all_endpoints>([&](auto e) {
    using E = decltype(e);
    if constexpr (E::body == chatbind::Body::json && !chatbind::detail::HasQueryAndBody<E>) {
      if (yb::request_example<E>.empty()) return;
      SCOPED_TRACE(name_of<E>());
      auto request = chatbind::json::parse_as<typename E::request>(yb::request_example<E>);
      ASSERT_TRUE(request) << request.error();
      const auto http = encode<E>(*request);
      EXPECT_EQ(Json::parse(http.body), Json::parse(yb::request_example<E>));
      ++checked;
    }
  });
  EXPECT_GE(checked, 18u);  // every JSON-bodied operation with a documented body
}

}  // namespace
