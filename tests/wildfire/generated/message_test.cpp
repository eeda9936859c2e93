// The Wildfire operations of spec/wildfire.yaml's tag `message` (send, broadcast, multicast,
// recall, read and change messages of the server admin API). Source of every example: the spec's
// own (spec/wildfire.yaml, generated into spec_examples.hpp), constructed from the pojo fields of
// wildfirechat/im-server at c4421fc (SendMessageData, Conversation, MessagePayload,
// RecallMessageData, BroadMessageData, MulticastMessageData, OutputMessageData, …). Request
// encoding gives the example's exact bytes; the example response decodes into the documented
// fields; then the 64-bit message uids, the string payload of recall, the int-bool distribute,
// open enums and typed errors.
#include "chatbind/core/json_dom.hpp"
#include "wildfire/generated/common.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

constexpr std::int64_t kUid = 1790123456789012345;  // past 2^53: exact only as an int64
const wf::Conversation kToUser2{.type = wf::ConversationType::private_, .target = "user2", .line = 0};
const wf::MessagePayload kHello{.type = 1, .searchableContent = "你好，这是一条来自管理后台的消息", .persistFlag = wf::PersistFlag::persist_and_count};

// --------------------------------------------------------------------------- request encoding

TEST(WildfireMessageRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::SendMessage>({.sender = "admin", .conv = kToUser2, .payload = kHello});
  expect_example_request<wf::RecallMessage>({.operator_ = "admin", .messageUid = kUid});
  expect_example_request<wf::RecallBroadcastMessage>({.operator_ = "admin", .messageUid = kUid});
  expect_example_request<wf::RecallMulticastMessage>({.operator_ = "admin", .messageUid = kUid, .receivers = {"user2", "user3"}});
  expect_example_request<wf::BroadcastMessage>({.sender = "admin", .line = 0, .payload = kHello});
  expect_example_request<wf::MulticastMessage>({.sender = "admin", .line = 0, .payload = kHello, .targets = {"user2", "user3"}});
  expect_example_request<wf::GetMessage>({.messageUid = kUid});
  expect_example_request<wf::DeleteMessage>({.messageUid = kUid});
  expect_example_request<wf::UpdateMessageContent>({.operator_ = "admin",
                                                    .messageUid = kUid,
                                                    .payload = {.type = 1, .searchableContent = "（已编辑）你好"},
                                                    .distribute = chatbind::IntBool{true},
                                                    .updateTimestamp = 0});
  expect_example_request<wf::ClearUserMessages>({.userId = "user1", .conversation = kToUser2, .startTime = 0, .endTime = 1711353600000});
  expect_example_request<wf::DeleteUserConversation>({.userId = "user1", .conversation = kToUser2});
  expect_example_request<wf::GetConversationReadTime>(
      {.userId = "user1", .conversationType = wf::ConversationType::group, .target = "group1", .line = 0});
  expect_example_request<wf::GetMessageDelivery>({.userId = "user1"});
}

TEST(WildfireMessageRequest, PayloadMembersAreLeftOutUntilSet) {
  // Gson reads a missing int as 0 and a missing string as null: nothing needs to be sent.
  EXPECT_EQ(encode<wf::SendMessage>({.sender = "s", .conv = {.type = wf::ConversationType::group, .target = "g"}, .payload = {.type = 1}}).body,
            R"({"sender":"s","conv":{"type":1,"target":"g"},"payload":{"type":1}})");
  EXPECT_EQ(encode<wf::SendMessage>({.sender = "s",
                                     .conv = {.type = wf::ConversationType::group, .target = "g"},
                                     .payload = {.type = 1, .mentionedType = 1, .mentionedTarget = std::vector<std::string>{"u2"}},
                                     .toUsers = std::vector<std::string>{"u2", "u3"}})
                .body,
            R"({"sender":"s","conv":{"type":1,"target":"g"},"payload":{"type":1,"mentionedType":1,"mentionedTarget":["u2"]},"toUsers":["u2","u3"]})");
}

TEST(WildfireMessageRequest, MessageUidsAreExactJsonNumbers) {
  // messageUid is a Java long that Gson writes as a number, never a string; int64 keeps every bit.
  EXPECT_EQ(encode<wf::GetMessage>({.messageUid = INT64_MAX}).body, R"({"messageUid":9223372036854775807})");
  EXPECT_EQ(encode<wf::GetMessage>({.messageUid = kUid + 1}).body, R"({"messageUid":1790123456789012346})") << "not rounded to a double";
}

TEST(WildfireMessageRequest, DistributeIsAnIntBool) {
  // UpdateMessageContentData.distribute is a Java int the SDK sets from a boolean.
  EXPECT_EQ(encode<wf::UpdateMessageContent>({.operator_ = "a", .messageUid = 1, .payload = {.type = 1}, .distribute = chatbind::IntBool{false}}).body,
            R"({"operator":"a","messageUid":1,"payload":{"type":1},"distribute":0})");
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireMessageResponse, EveryOperationDecodesTheSpecExample) {
  const auto sent = decode_example<wf::SendMessage>();
  EXPECT_EQ(sent.messageUid, kUid);
  EXPECT_EQ(sent.timestamp, 1711353600000);
  const auto recalled = decode_example<wf::RecallMessage>();
  EXPECT_EQ(chatbind::Json::parse(recalled)["s"], "admin") << "the payload is the recalled content's JSON text";
  EXPECT_EQ(chatbind::Json::parse(recalled)["t"], 1);
  decode_example<wf::RecallBroadcastMessage>();
  decode_example<wf::RecallMulticastMessage>();
  const auto broadcast = decode_example<wf::BroadcastMessage>();
  EXPECT_EQ(broadcast.messageUid, kUid);
  EXPECT_EQ(broadcast.count, 1024);
  const auto multicast = decode_example<wf::MulticastMessage>();
  EXPECT_EQ(multicast.messageUid, kUid);
  EXPECT_EQ(multicast.timestamp, 1711353600000);

  const auto message = decode_example<wf::GetMessage>();
  EXPECT_EQ(message.messageId, kUid) << "named messageId here";
  EXPECT_EQ(message.sender, "admin");
  EXPECT_EQ(message.conv, kToUser2);
  EXPECT_EQ(message.payload.type, 1);
  EXPECT_EQ(message.payload.searchableContent, kHello.searchableContent);
  EXPECT_EQ(message.payload.pushContent, "") << "unset strings come back as \"\"";
  EXPECT_FALSE(message.payload.base64edData) << "left out when there is no data";
  EXPECT_EQ(message.payload.persistFlag, wf::PersistFlag::persist_and_count);
  EXPECT_EQ(message.payload.mentionedTarget, std::vector<std::string>{});
  EXPECT_EQ(message.toUsers, std::vector<std::string>{});
  EXPECT_EQ(message.timestamp, 1711353600000);
  EXPECT_FALSE(message.client) << "get_one leaves the client out";

  decode_example<wf::DeleteMessage>();
  decode_example<wf::UpdateMessageContent>();
  decode_example<wf::ClearUserMessages>();
  decode_example<wf::DeleteUserConversation>();
  EXPECT_EQ(decode_example<wf::GetConversationReadTime>().timestamp, 1711353600000);
  EXPECT_EQ(decode_example<wf::GetMessageDelivery>().timestamp, 1711353600000);
}

TEST(WildfireMessageResponse, ARepeatedRecallAnswersAnEmptyString) {
  // The store writes nothing after the code byte for a message that is already a recall notice.
  auto r = chatbind::decode_response<wf::RecallMessage>(ok(R"({"code":0,"msg":"success","result":""})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(*r, "");
}

TEST(WildfireMessageResponse, TheSendCodesAreNamed) {
  struct Case {
    const char* body;
    wf::ErrorCode code;
  };
  const Case cases[] = {
      {R"({"code":8,"msg":"user forbidden"})", wf::ErrorCode::user_forbidden},
      {R"({"code":10,"msg":"invalid message"})", wf::ErrorCode::invalid_message},
      {R"({"code":20,"msg":"not in chatroom"})", wf::ErrorCode::not_in_chatroom},
      {R"({"code":242,"msg":"sensitive matched"})", wf::ErrorCode::sensitive_matched},
      {R"({"code":246,"msg":"user in black list"})", wf::ErrorCode::in_black_list},
      {R"({"code":247,"msg":"forbidden send msg globally"})", wf::ErrorCode::forbidden_send_msg},
      {R"({"code":253,"msg":"not exist"})", wf::ErrorCode::not_exist},
  };
  for (const auto& c : cases) EXPECT_EQ(wf::error_code(decode_error<wf::SendMessage>(c.body)), c.code) << c.body;
  EXPECT_EQ(wf::error_code(decode_error<wf::RecallMessage>(R"({"code":253,"msg":"not exist"})")), wf::ErrorCode::not_exist)
      << "an error carries no result";
  EXPECT_EQ(wf::error_code(decode_error<wf::GetMessage>(R"({"code":251,"msg":"Invalid parameter"})")), wf::ErrorCode::invalid_parameter);
}

TEST(WildfireMessageResponse, ProfessionalEditionPathsAreAnHttpErrorOnTheCommunityServer) {
  // No Action is routed for /admin/message/delete: the community server answers HTTP 500, no body.
  auto r = chatbind::decode_response<wf::DeleteMessage>(HttpResponse{500, {}, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::http_status);
  EXPECT_EQ(r.error().http_status, 500);
}

TEST(WildfireMessageResponse, OpenEnumsKeepUnknownValues) {
  auto r = chatbind::decode_response<wf::GetMessage>(ok(
      R"({"code":0,"msg":"success","result":{"messageId":1,"sender":"s","conv":{"type":9,"target":"t","line":0},)"
      R"("payload":{"type":4000,"persistFlag":7},"timestamp":2,"client":{"platform":42,"clientId":"c"}}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(static_cast<int>(r->conv.type), 9);
  EXPECT_EQ(r->payload.type, 4000) << "custom content types are allowed";
  EXPECT_EQ(static_cast<int>(*r->payload.persistFlag), 7);
  ASSERT_TRUE(r->client);
  EXPECT_EQ(static_cast<int>(r->client->platform), 42);
}

TEST(WildfireMessageResponse, BadInputIsATypedError) {
  struct Case {
    const char* name;
    chatbind::Error error;
    std::string path;
  };
  const Case cases[] = {
      {"messageUid as a string", decode_error<wf::SendMessage>(R"({"code":0,"msg":"success","result":{"messageUid":"1","timestamp":1}})"),
       "result.messageUid"},
      {"messageUid past int64", decode_error<wf::SendMessage>(R"({"code":0,"msg":"success","result":{"messageUid":9223372036854775808,"timestamp":1}})"),
       "result.messageUid"},
      {"timestamp missing", decode_error<wf::MulticastMessage>(R"({"code":0,"msg":"success","result":{"messageUid":1}})"), "result.timestamp"},
      {"count missing", decode_error<wf::BroadcastMessage>(R"({"code":0,"msg":"success","result":{"messageUid":1}})"), "result.count"},
      {"recall's payload as an object", decode_error<wf::RecallMessage>(R"({"code":0,"msg":"success","result":{"s":"a"}})"), "result"},
      {"conv.target missing",
       decode_error<wf::GetMessage>(R"({"code":0,"msg":"success","result":{"messageId":1,"sender":"s","conv":{"type":0},"payload":{"type":1},"timestamp":2}})"),
       "result.conv.target"},
      {"payload.type missing",
       decode_error<wf::GetMessage>(R"({"code":0,"msg":"success","result":{"messageId":1,"sender":"s","conv":{"type":0,"target":"t"},"payload":{},"timestamp":2}})"),
       "result.payload.type"},
      {"a mentioned target as a number",
       decode_error<wf::GetMessage>(
           R"({"code":0,"msg":"success","result":{"messageId":1,"sender":"s","conv":{"type":0,"target":"t"},"payload":{"type":1,"mentionedTarget":["a",1]},"timestamp":2}})"),
       "result.payload.mentionedTarget[1]"},
      {"timestamp missing in a time", decode_error<wf::GetMessageDelivery>(R"({"code":0,"msg":"success","result":{}})"), "result.timestamp"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.error.kind, ErrorKind::schema) << c.name << ": " << c.error;
    EXPECT_EQ(c.error.path, c.path) << c.name << ": " << c.error;
  }
}

// ------------------------------------ delete_broadcast / delete_multicast (paths newer than c4421fc)

TEST(WildfireMessageRequest, TheDeleteCallsEncodeTheSpecExample) {
  expect_example_request<wf::DeleteBroadcastMessage>({.operator_ = "admin", .messageUid = kUid});
  expect_example_request<wf::DeleteMulticastMessage>({.operator_ = "admin", .messageUid = kUid, .receivers = {"user1", "user2"}});
  EXPECT_EQ(encode<wf::DeleteBroadcastMessage>({.operator_ = "a", .messageUid = INT64_MAX}).body, R"({"operator":"a","messageUid":9223372036854775807})");
}

TEST(WildfireMessageResponse, TheDeleteCallsDecodeTheSpecExample) {
  decode_example<wf::DeleteBroadcastMessage>();
  decode_example<wf::DeleteMulticastMessage>();
  auto missing = chatbind::decode_response<wf::DeleteMulticastMessage>(ok(R"({"code":253,"msg":"not exist"})"));
  ASSERT_FALSE(missing);
  EXPECT_EQ(wf::error_code(missing.error()), wf::ErrorCode::not_exist);
  auto no_code = chatbind::decode_response<wf::DeleteBroadcastMessage>(ok(R"({"msg":"success"})"));
  ASSERT_FALSE(no_code) << "the envelope's code is required";
}

}  // namespace
