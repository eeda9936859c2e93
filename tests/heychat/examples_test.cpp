// The spec's examples (heychat/generated/spec_examples.hpp): every endpoint's 200 example decodes and its payload
// re-encodes key for key.
#include "chatbind/core/json_dom.hpp"
#include "chatbind/heychat.hpp"
#include "chatbind/heychat/generated/spec_examples.hpp"
#include "heychat/endpoint_test_support.hpp"

#include <gtest/gtest.h>

#include <boost/mp11/algorithm.hpp>

#include <nlohmann/json.hpp>

#include <string>

namespace {

namespace hc = chatbind::heychat;
using namespace chatbind::test::heychat_endpoints;
using chatbind::Json;

TEST(HeychatExamples, EveryExampleDecodesLosslessly) {
  int checked = 0;
  boost::mp11::mp_for_each<hc::all_endpoints>([&](auto e) {
    using E = decltype(e);
    const std::string_view example = hc::response_example<E>;
    if (example.empty()) return;
    SCOPED_TRACE(std::string{E::path});
    auto r = chatbind::decode_response<E>(ok(std::string{example}));
    ASSERT_TRUE(r) << r.error();
    const Json envelope = Json::parse(example);
    const Json payload = !envelope.contains("status") ? envelope  // the OAuth token comes bare
                         : envelope.contains("result") ? envelope["result"]
                                                       : Json{};
    if (!payload.is_null()) {
      EXPECT_EQ(nlohmann::json::parse(chatbind::json::to_json(*r).dump()), nlohmann::json::parse(payload.dump()))
          << "every key of the example is modelled";
    }
    ++checked;
  });
  // All but the OAuth authorization page, which is HTML for a browser.
  EXPECT_EQ(checked, 42) << "every endpoint has a 200 example";
}

}  // namespace
