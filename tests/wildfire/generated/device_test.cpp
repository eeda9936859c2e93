// The Wildfire operations of spec/wildfire.yaml's tag `device` (IoT devices of the server admin
// API; professional edition only). Source of every example: the spec's own (spec_examples.hpp),
// constructed from the pojos InputCreateDevice / OutputCreateDevice / OutputDevice of
// wildfirechat/im-server at c4421fc. Request encoding gives the example's exact bytes; the example
// response decodes into the documented fields; then the typed errors and the community server's answer.
#include "wildfire/generated/common.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireDeviceRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::CreateOrUpdateDevice>(
      {.deviceId = "device1", .owners = std::vector<std::string>{"user1", "user2"}, .extra = R"({"model":"camera-x1"})"});
  expect_example_request<wf::GetDevice>({.deviceId = "device1"});
  expect_example_request<wf::GetUserDevices>({.userId = "user1"});
}

TEST(WildfireDeviceRequest, OptionalMembersAreLeftOutUntilSet) {
  EXPECT_EQ(encode<wf::CreateOrUpdateDevice>({.deviceId = "d"}).body, R"({"deviceId":"d"})");
  EXPECT_EQ(encode<wf::CreateOrUpdateDevice>({.deviceId = "d", .owners = std::vector<std::string>{}}).body, R"({"deviceId":"d","owners":[]})")
      << "an empty list that was set is sent";
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireDeviceResponse, EveryOperationDecodesTheSpecExample) {
  const auto created = decode_example<wf::CreateOrUpdateDevice>();
  EXPECT_EQ(created.deviceId, "device1");
  EXPECT_EQ(created.token, "dGhpcyBpcyBhIGRldmljZSB0b2tlbg==");
  EXPECT_EQ(created.secret, "s3cr3t-device1");

  const auto device = decode_example<wf::GetDevice>();
  EXPECT_EQ(device.deviceId, "device1");
  EXPECT_EQ(device.token, "dGhpcyBpcyBhIGRldmljZSB0b2tlbg==");
  EXPECT_EQ(device.secret, "s3cr3t-device1");
  EXPECT_EQ(device.state, 1);
  EXPECT_EQ(device.owners, (std::vector<std::string>{"user1", "user2"}));
  EXPECT_EQ(device.extra, R"({"model":"camera-x1"})") << "a JSON text, kept as a string";

  const auto list = decode_example<wf::GetUserDevices>();
  ASSERT_TRUE(list.devices);
  ASSERT_EQ(list.devices->size(), 1u);
  EXPECT_EQ((*list.devices)[0].deviceId, "device1");
  EXPECT_EQ((*list.devices)[0].owners, std::vector<std::string>{"user1"});
  EXPECT_EQ((*list.devices)[0].extra, "");
}

TEST(WildfireDeviceResponse, BadInputIsATypedError) {
  expect_schema_error<wf::CreateOrUpdateDevice>(R"({"code":0,"msg":"success","result":{"deviceId":"d","token":"t"}})", "result.secret");
  expect_schema_error<wf::GetDevice>(R"({"code":0,"msg":"success","result":{"deviceId":"d","state":"1"}})", "result.state");
  expect_schema_error<wf::GetUserDevices>(R"({"code":0,"msg":"success","result":{"devices":[{"deviceId":"d","state":1,"owners":"u1"}]}})",
                                          "result.devices[0].owners");
}

TEST(WildfireDeviceResponse, TheCommunityServerAnswersHttp500) {
  // No Action routes /admin/device/* in the community broker: HTTP 500 with an empty body.
  auto r = chatbind::decode_response<wf::GetDevice>(HttpResponse{500, {}, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::http_status);
  EXPECT_EQ(r.error().http_status, 500);
}

}  // namespace
