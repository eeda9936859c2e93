// The Wildfire operations of spec/wildfire.yaml's tag `general` (system settings, the licence
// customer and the health check of the server admin API). Source of every example: the spec's own
// (spec_examples.hpp), constructed from the pojos InputGetSystemSetting, SystemSettingPojo and
// HealthCheckResult of wildfirechat/im-server at c4421fc (HealthAction writes the same keys with
// json-simple; the customer's shape is the docs'). Request encoding gives the example's exact bytes;
// /admin/health is a GET without any signing header (AdminAction.preAction lets exactly that URI
// through); the example responses decode into the documented fields; then typed errors.
#include "wildfire/generated/common.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireGeneralRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::GetSystemSetting>({.id = 1});
  expect_example_request<wf::PutSystemSetting>({.id = 1, .value = "3000", .desc = "群成员上限"});
  expect_bodyless_request<wf::GetCustomer>();
}

TEST(WildfireGeneralRequest, HealthIsAnUnsignedGet) {
  const auto r = encode<wf::HealthCheck>({});
  EXPECT_EQ(r.method, chatbind::Method::get);
  EXPECT_EQ(r.url(), std::string{kBaseUrl} + "/admin/health") << "no query string: with one the server asks for a signature";
  EXPECT_TRUE(r.body.empty());
  EXPECT_TRUE(r.query.empty());
  EXPECT_EQ(r.header("Content-Type"), "") << "no body, no content type";
  for (const char* name : {"nonce", "timestamp", "sign", "rid", "cid"}) EXPECT_EQ(r.header(name), "") << name;
  EXPECT_TRUE(r.headers.empty());
  // The admin secret is not needed at all: the call encodes the same without one.
  auto anonymous = chatbind::encode_request<wf::HealthCheck>({}, wf::Credentials{.base_url = std::string{kBaseUrl}});
  ASSERT_TRUE(anonymous) << anonymous.error();
  EXPECT_EQ(anonymous->url(), r.url());
  EXPECT_TRUE(anonymous->headers.empty());
}

TEST(WildfireGeneralRequest, TheSettingIdIsLeftOutUntilSet) {
  // id is a Java int: absent reads 0.
  EXPECT_EQ(encode<wf::GetSystemSetting>({}).body, "{}");
  EXPECT_EQ(encode<wf::PutSystemSetting>({.id = 2, .value = "v"}).body, R"({"id":2,"value":"v"})");
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireGeneralResponse, EveryOperationDecodesTheSpecExample) {
  const auto setting = decode_example<wf::GetSystemSetting>();
  EXPECT_EQ(setting.id, 1);
  EXPECT_EQ(setting.value, "2000");
  EXPECT_EQ(setting.desc, "群成员上限");
  decode_example<wf::PutSystemSetting>();
  const chatbind::RawJson customer = decode_example<wf::GetCustomer>();
  EXPECT_EQ(customer.text(), R"({"customerId":"customer1","customerName":"示例科技"})") << "kept verbatim";
  const auto nodes = decode_example<wf::HealthCheck>();
  ASSERT_EQ(nodes.size(), 1u);
  EXPECT_EQ(nodes[0].node, "1");
  EXPECT_DOUBLE_EQ(nodes[0].cpu.load, 0.42);
  EXPECT_EQ(nodes[0].cpu.cores, 2);
  EXPECT_EQ(nodes[0].memory.free, 152043520);
  EXPECT_EQ(nodes[0].memory.max, 2147483648) << "past int32";
  EXPECT_EQ(nodes[0].memory.avail, 536870912);
  EXPECT_EQ(nodes[0].disk.space, 107374182400);
  EXPECT_EQ(nodes[0].disk.free, 53687091200);
  EXPECT_EQ(nodes[0].disk.usable, 48318382080);
}

TEST(WildfireGeneralResponse, ANegativeLoadDecodes) {
  // OperatingSystemMXBean.getSystemLoadAverage() is negative where the OS has none.
  auto r = chatbind::decode_response<wf::HealthCheck>(ok(
      R"({"code":0,"msg":"success","result":[{"node":"1","cpu":{"load":-1.0,"cores":4},"memory":{"free":1,"max":2,"avail":3},"disk":{"space":4,"free":5,"usable":6}}]})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_DOUBLE_EQ(r->at(0).cpu.load, -1.0);
}

TEST(WildfireGeneralResponse, BadInputIsATypedError) {
  expect_schema_error<wf::HealthCheck>(R"({"code":0,"msg":"success","result":{"node":"1"}})", "result");
  expect_schema_error<wf::HealthCheck>(
      R"({"code":0,"msg":"success","result":[{"node":"1","cpu":{"load":0.1,"cores":2},"disk":{"space":4,"free":5,"usable":6}}]})", "result[0].memory");
  expect_schema_error<wf::HealthCheck>(
      R"({"code":0,"msg":"success","result":[{"node":"1","cpu":{"load":"high","cores":2},"memory":{"free":1,"max":2,"avail":3},"disk":{"space":4,"free":5,"usable":6}}]})",
      "result[0].cpu.load");
  expect_schema_error<wf::GetSystemSetting>(R"({"code":0,"msg":"success","result":{"id":1,"desc":""}})", "result.value");
  auto missing = chatbind::decode_response<wf::GetSystemSetting>(ok(R"({"code":253,"msg":"not exist"})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(wf::error_code(missing.error()), wf::ErrorCode::not_exist);
}

}  // namespace
