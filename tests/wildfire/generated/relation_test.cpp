// The Wildfire operations of spec/wildfire.yaml's tag `relation` (friends, blacklists, aliases and
// friend requests of the server admin API). Source of every example: the spec's own
// (spec/wildfire.yaml, generated into spec_examples.hpp), constructed from the pojo fields of
// wildfirechat/im-server at c4421fc. Request encoding gives the example's exact bytes; the example
// response decodes into the documented fields; then the special inputs (the keyword member
// `operator`, booleans, the set_alias result the spec keeps as raw JSON).
#include "wildfire/generated/common.hpp"

#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireRelationRequest, EveryOperationEncodesTheSpecExample) {
  expect_example_request<wf::SetFriendStatus>({.userId = "user1", .friendUid = "user2", .status = wf::FriendStatus::friend_, .extra = ""});
  expect_example_request<wf::GetFriendList>({.userId = "user1"});
  expect_example_request<wf::SetUserBlacklist>({.userId = "user1", .targetUid = "user4", .status = wf::UserBlacklistStatus::blacklisted});
  expect_example_request<wf::GetUserBlacklist>({.userId = "user1"});
  expect_example_request<wf::GetFriendAlias>({.operator_ = "user1", .targetId = "user2"});
  expect_example_request<wf::SetFriendAlias>({.operator_ = "user1", .targetId = "user2", .alias = "老同学"});
  expect_example_request<wf::SetFriendExtra>({.operator_ = "user1", .targetId = "user2", .extra = R"({"source":"admin"})"});
  expect_example_request<wf::SendFriendRequest>({.userId = "user1", .friendUid = "user5", .reason = "我是张三", .force = false});
  expect_example_request<wf::GetRelation>({.first = "user1", .second = "user2"});
}

TEST(WildfireRelationRequest, OptionalMembersAreLeftOutUntilSet) {
  auto r = chatbind::encode_request<wf::SendFriendRequest>({.userId = "u1", .friendUid = "u2"}, kCredentials);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, R"({"userId":"u1","friendUid":"u2"})") << "force left out: the server reads false";
  auto release = chatbind::encode_request<wf::SetUserBlacklist>(
      {.userId = "u1", .targetUid = "u2", .status = wf::UserBlacklistStatus::removed}, kCredentials);
  ASSERT_TRUE(release);
  EXPECT_EQ(release->body, R"({"userId":"u1","targetUid":"u2","status":1})") << "the SDK's value to release";
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireRelationResponse, EveryOperationDecodesTheSpecExample) {
  decode_example<wf::SetFriendStatus>();
  EXPECT_EQ(decode_example<wf::GetFriendList>().list, (std::vector<std::string>{"user2", "user3"}));
  decode_example<wf::SetUserBlacklist>();
  EXPECT_EQ(decode_example<wf::GetUserBlacklist>().list, (std::vector<std::string>{"user4"}));
  const auto alias = decode_example<wf::GetFriendAlias>();
  EXPECT_EQ(alias.operator_, "user1");
  EXPECT_EQ(alias.targetId, "user2");
  EXPECT_EQ(alias.alias, "老同学");
  decode_example<wf::SetFriendAlias>();
  decode_example<wf::SetFriendExtra>();
  decode_example<wf::SendFriendRequest>();
  const auto relation = decode_example<wf::GetRelation>();
  EXPECT_EQ(relation.userId, "user1");
  EXPECT_EQ(relation.targetId, "user2");
  EXPECT_TRUE(relation.isFriend);
  EXPECT_FALSE(relation.isBlacked);
  EXPECT_EQ(relation.alias, "老同学");
  EXPECT_EQ(relation.extra, "");
}

TEST(WildfireRelationResponse, SetAliasMayCarryAResultTheEnvelopeIgnores) {
  // AliasPutAction answers {"targetId": …} in result (a reused OutputCreateChannel); the SDK ignores it.
  auto r = chatbind::decode_response<wf::SetFriendAlias>(ok(R"({"code":0,"msg":"success","result":{"targetId":""}})"));
  EXPECT_TRUE(r) << r.error();
}

TEST(WildfireRelationResponse, NoRecordMeansFalseAndNoAlias) {
  auto r = chatbind::decode_response<wf::GetRelation>(
      ok(R"({"code":0,"msg":"success","result":{"userId":"u1","targetId":"u2","isFriend":false,"isBlacked":false}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_FALSE(r->isFriend);
  EXPECT_FALSE(r->alias);
  EXPECT_FALSE(r->extra);
}

TEST(WildfireRelationResponse, AlreadyFriendsIsANamedCode) {
  auto r = chatbind::decode_response<wf::SendFriendRequest>(ok(R"({"code":23,"msg":"already friends"})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::already_friends);
}

TEST(WildfireRelationResponse, BadInputIsATypedError) {
  struct Case {
    const char* name;
    const char* body;
    std::string path;
  };
  const Case cases[] = {
      {"isFriend as a string", R"({"code":0,"msg":"success","result":{"userId":"a","targetId":"b","isFriend":"true","isBlacked":false}})",
       "result.isFriend"},
      {"isBlacked missing", R"({"code":0,"msg":"success","result":{"userId":"a","targetId":"b","isFriend":true}})", "result.isBlacked"},
      {"alias as a number", R"({"code":0,"msg":"success","result":{"userId":"a","targetId":"b","isFriend":true,"isBlacked":false,"alias":5}})",
       "result.alias"},
  };
  for (const auto& c : cases) {
    auto r = chatbind::decode_response<wf::GetRelation>(ok(c.body));
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().kind, ErrorKind::schema) << c.name << ": " << r.error();
    EXPECT_EQ(r.error().path, c.path) << c.name << ": " << r.error();
  }
  auto list = chatbind::decode_response<wf::GetFriendList>(ok(R"({"code":0,"msg":"success","result":{"list":["a",2]}})"));
  ASSERT_FALSE(list);
  EXPECT_EQ(list.error().path, "result.list[1]");
}

// ------------------------------------------------ friend requests (no community Action)

TEST(WildfireRelationRequest, TheFriendRequestCallsEncodeTheSpecExample) {
  expect_example_request<wf::GetFriendRequests>({.userId = "user1"});
  expect_example_request<wf::HandleFriendRequest>({.userId = "user1", .friendUid = "user2", .status = 1});
  EXPECT_EQ(encode<wf::HandleFriendRequest>({.userId = "u1", .friendUid = "u2", .status = 0}).body,
            R"({"userId":"u1","friendUid":"u2","status":0})")
      << "a rejection sends its 0";
}

TEST(WildfireRelationResponse, TheFriendRequestCallsDecodeTheSpecExample) {
  const chatbind::RawJson requests = decode_example<wf::GetFriendRequests>();
  EXPECT_EQ(requests.text(), R"({"requests":[{"from_uid":"user2","to_uid":"user1","reason":"我是李四","status":0,"update_dt":1711350000000}]})")
      << "no body is known: the payload is kept verbatim";
  decode_example<wf::HandleFriendRequest>();
  auto absent = chatbind::decode_response<wf::GetFriendRequests>(ok(R"({"code":0,"msg":"success"})"));
  ASSERT_TRUE(absent) << absent.error();
  EXPECT_TRUE(absent->is_null()) << "no result: a null RawJson";
  auto broken = chatbind::decode_response<wf::GetFriendRequests>(ok(R"({"code":0,"msg":"success","result":{"requests":[})"));
  ASSERT_FALSE(broken) << "raw JSON is still checked JSON";
  auto community = chatbind::decode_response<wf::HandleFriendRequest>(HttpResponse{500, {}, ""});
  ASSERT_FALSE(community);
  EXPECT_EQ(community.error().kind, ErrorKind::http_status);
}

}  // namespace
