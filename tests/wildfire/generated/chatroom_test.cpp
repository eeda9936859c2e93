// The Wildfire operations of spec/wildfire.yaml's one tag, `chatroom` (the server admin API's
// chatroom group). Request encoding: signed headers, and the body exactly as the seed's examples
// send it (absent optionals omitted, never null or 0). Response decoding from the seed's (repaired)
// examples, the envelope rules of the open-source server, and malformed bodies.
#include "chatbind/core/json_dom.hpp"
#include "wildfire/generated/common.hpp"

#include <string>

namespace {

using namespace chatbind_test::wildfire;
using chatbind::Json;

// --------------------------------------------------------------------------- request encoding

TEST(WildfireRequest, EveryEndpointEncodesItsDocumentedBody) {
  struct Case {
    chatbind::HttpRequest request;
    std::string_view path;
    const char* body;
  };
  const Case cases[] = {
      {encode<wf::CreateChatroom>({.title = "火热聊天室"}), "/admin/chatroom/create", R"({"title":"火热聊天室"})"},
      {encode<wf::GetChatroomInfo>({.chatroomId = "aaaa"}), "/admin/chatroom/info", R"({"chatroomId":"aaaa"})"},
      {encode<wf::DestroyChatroom>({.chatroomId = "aaaa"}), "/admin/chatroom/del", R"({"chatroomId":"aaaa"})"},
      {encode<wf::SetChatroomBlacklist>({.chatroomId = "aaaa", .userId = "usea", .status = wf::BlacklistStatus::muted}),
       "/admin/chatroom/set_black_status", R"({"chatroomId":"aaaa","userId":"usea","status":1})"},
      {encode<wf::GetChatroomBlacklist>({.chatroomId = "aaaa"}), "/admin/chatroom/get_black_status", R"({"chatroomId":"aaaa"})"},
      {encode<wf::SetChatroomManager>({.chatroomId = "aaaa", .userId = "usea", .status = wf::ManagerStatus::manager}),
       "/admin/chatroom/set_manager", R"({"chatroomId":"aaaa","userId":"usea","status":1})"},
      {encode<wf::GetChatroomManagers>({.chatroomId = "aaaa"}), "/admin/chatroom/get_manager_list", R"({"chatroomId":"aaaa"})"},
      {encode<wf::SetChatroomMuteAll>({.chatroomId = "aaaa", .status = wf::MuteAllStatus::muted}), "/admin/chatroom/mute_all",
       R"({"chatroomId":"aaaa","status":1})"},
      {encode<wf::GetChatroomMembers>({.chatroomId = "aaaa"}), "/admin/chatroom/members", R"({"chatroomId":"aaaa"})"},
      {encode<wf::GetUserChatroom>({.userId = "user1"}), "/admin/chatroom/user_chatroom", R"({"userId":"user1"})"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.path);
    expect_signed_post(c.request, c.path);
    EXPECT_EQ(c.request.body, c.body) << "exact bytes: member order, no nulls, no defaulted zeros";
  }
}

TEST(WildfireRequest, OptionalMembersAreWrittenOnlyWhenSet) {
  auto full = encode<wf::CreateChatroom>({.chatroomId = "room1", .title = "t", .desc = "d", .portrait = "p",
                                          .extra = R"({"k":1})", .state = wf::ChatroomState::normal});
  EXPECT_EQ(Json::parse(full.body),
            Json::parse(R"({"chatroomId":"room1","title":"t","desc":"d","portrait":"p","extra":"{\"k\":1}","state":0})"));
  auto expiring = encode<wf::SetChatroomBlacklist>(
      {.chatroomId = "aaaa", .userId = "u", .status = wf::BlacklistStatus::forbidden_entry, .expiredTime = 0});
  EXPECT_EQ(expiring.body, R"({"chatroomId":"aaaa","userId":"u","status":2,"expiredTime":0})")
      << "an explicit 0 (forever) is sent; an unset expiry is not";
}

TEST(WildfireRequest, TheSecretNeverAppearsInTheRequest) {
  wf::Credentials credentials = kCredentials;
  credentials.secret = "the-admin-secret";
  auto r = chatbind::encode_request<wf::GetChatroomInfo>({.chatroomId = "aaaa"}, credentials);
  ASSERT_TRUE(r);
  EXPECT_EQ(chatbind::to_string(*r).find("the-admin-secret"), std::string::npos);
  EXPECT_EQ(r->body.find("the-admin-secret"), std::string::npos);
  for (const auto& h : r->headers) EXPECT_EQ(h.value.find("the-admin-secret"), std::string::npos) << h.name;
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireResponse, CreateReturnsTheChatroomId) {
  auto r = chatbind::decode_response<wf::CreateChatroom>(ok(R"({"code":0,"msg":"success","result":{"chatroomId":"aaaa"}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->chatroomId, "aaaa");
}

TEST(WildfireResponse, InfoDecodesEveryField) {
  auto r = chatbind::decode_response<wf::GetChatroomInfo>(ok(
      R"({"code":0,"msg":"success","result":{"chatroomId":"aaaa","title":"火热聊天室","desc":"","portrait":"",)"
      R"("memberCount":100,"createDt":1558350862502,"updateDt":1558350862503,"state":2}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(r->title, "火热聊天室");
  EXPECT_EQ(r->desc, std::optional<std::string>{""}) << "unset strings come back as empty strings";
  EXPECT_FALSE(r->extra.has_value());
  EXPECT_EQ(r->memberCount, 100);
  EXPECT_EQ(r->createDt, 1558350862502);
  EXPECT_EQ(r->updateDt, 1558350862503);
  EXPECT_EQ(r->state, wf::ChatroomState::ended) << "a deleted chatroom reads back as ended (soft delete)";
}

TEST(WildfireResponse, ActionsWithoutDataSendNoResultKey) {
  for (auto decode : {chatbind::decode_response<wf::DestroyChatroom>, chatbind::decode_response<wf::SetChatroomBlacklist>,
                      chatbind::decode_response<wf::SetChatroomManager>, chatbind::decode_response<wf::SetChatroomMuteAll>}) {
    auto r = decode(ok(R"({"code":0,"msg":"success"})"), chatbind::DecodeLimits{});
    EXPECT_TRUE(r) << r.error();
  }
}

TEST(WildfireResponse, BlacklistUsesStateAndKeepsUnknownValues) {
  auto r = chatbind::decode_response<wf::GetChatroomBlacklist>(ok(
      R"({"code":0,"msg":"success","result":{"infos":[{"userId":"user1","state":1,"expiredTime":0},)"
      R"({"userId":"user2","state":2,"expiredTime":365400},{"userId":"user3","state":7}]}})"));
  ASSERT_TRUE(r) << r.error();
  ASSERT_EQ(r->infos.size(), 3u);
  EXPECT_EQ(r->infos[0].state, wf::BlacklistStatus::muted);
  EXPECT_EQ(r->infos[0].expiredTime, 0);
  EXPECT_EQ(r->infos[1].state, wf::BlacklistStatus::forbidden_entry);
  EXPECT_EQ(r->infos[1].expiredTime, 365400);
  EXPECT_EQ(static_cast<int>(r->infos[2].state), 7) << "open enum: a new status is kept";
  EXPECT_FALSE(r->infos[2].expiredTime.has_value());
}

TEST(WildfireResponse, ManagersMembersAndUserChatroom) {
  auto managers = chatbind::decode_response<wf::GetChatroomManagers>(ok(R"({"code":0,"msg":"success","result":{"list":["user1","user2"]}})"));
  ASSERT_TRUE(managers) << managers.error();
  EXPECT_EQ(managers->list, (std::vector<std::string>{"user1", "user2"}));
  auto members = chatbind::decode_response<wf::GetChatroomMembers>(ok(R"({"code":0,"msg":"success","result":{"list":[]}})"));
  ASSERT_TRUE(members) << members.error();
  EXPECT_TRUE(members->list.empty());
  auto where = chatbind::decode_response<wf::GetUserChatroom>(
      ok(R"({"code":0,"msg":"success","result":{"userId":"user1","chatroomId":"aaaa","clientId":"c1","platform":2}})"));
  ASSERT_TRUE(where) << where.error();
  EXPECT_EQ(where->chatroomId, "aaaa");
  EXPECT_EQ(where->platform, 2);
}

TEST(WildfireResponse, NonZeroCodeIsANamedPlatformError) {
  auto r = chatbind::decode_response<wf::GetChatroomInfo>(ok(R"({"code":251,"msg":"Invalid parameter"})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::platform);
  EXPECT_EQ(r.error().platform_code, 251);
  EXPECT_EQ(r.error().platform_message, "Invalid parameter");
  EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::invalid_parameter);
  EXPECT_EQ(r.error().message, "Invalid parameter (invalid_parameter)");
}

TEST(WildfireResponse, CodeIsCheckedBeforeTheRepeatedEnvelopeInResult) {
  // A signing failure repeats the envelope inside result; it must not be read as a ChatroomInfo.
  auto r = chatbind::decode_response<wf::GetChatroomInfo>(
      ok(R"({"code":244,"msg":"auth failure","result":{"code":244,"msg":"auth failure"}})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(wf::error_code(r.error()), wf::ErrorCode::auth_failure);
}

TEST(WildfireResponse, UnknownCodesAreKept) {
  auto r = chatbind::decode_response<wf::DestroyChatroom>(ok(R"({"code":777,"msg":"brand new"})"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().platform_code, 777);
  EXPECT_EQ(static_cast<int>(wf::error_code(r.error())), 777);
  EXPECT_EQ(r.error().message, "brand new");  // no name to add; describe() shows [code 777]
  EXPECT_EQ(r.error().describe(), "platform error (HTTP 200) [code 777]: brand new");
}

TEST(WildfireResponse, MalformedBodiesAreTypedErrors) {
  struct Case {
    const char* name;
    HttpResponse response;
    ErrorKind kind;
    std::string path;
  };
  const Case cases[] = {
      {"unknown path: HTTP 500, empty body", HttpResponse{500, {}, ""}, ErrorKind::http_status, ""},
      {"not JSON", ok("xxxx"), ErrorKind::syntax, ""},
      {"the seed's unquoted keys", ok(R"({"code":0,"msg":"success","result":{infos:[]}})"), ErrorKind::syntax, ""},
      {"no code", ok(R"({"msg":"success"})"), ErrorKind::schema, "code"},
      {"code as a string", ok(R"({"code":"0","msg":"success"})"), ErrorKind::schema, "code"},
      {"code past 64 bits (not wrapped to -1)", ok(R"({"code":18446744073709551615,"msg":"?"})"), ErrorKind::schema, "code"},
      {"code as a fraction", ok(R"({"code":0.5,"msg":"success"})"), ErrorKind::schema, "code"},
      {"missing result", ok(R"({"code":0,"msg":"success"})"), ErrorKind::schema, "result"},
      {"wrong member type", ok(R"({"code":0,"msg":"success","result":{"chatroomId":"a","title":"t","memberCount":"many","createDt":1,"updateDt":1}})"),
       ErrorKind::schema, "result.memberCount"},
      {"missing required member", ok(R"({"code":0,"msg":"success","result":{"chatroomId":"a","memberCount":1,"createDt":1,"updateDt":1}})"),
       ErrorKind::schema, "result.title"},
      {"int32 overflow", ok(R"({"code":0,"msg":"success","result":{"chatroomId":"a","title":"t","memberCount":4294967296,"createDt":1,"updateDt":1}})"),
       ErrorKind::schema, "result.memberCount"},
  };
  for (const auto& c : cases) {
    auto r = chatbind::decode_response<wf::GetChatroomInfo>(c.response);
    ASSERT_FALSE(r) << c.name;
    EXPECT_EQ(r.error().kind, c.kind) << c.name << ": " << r.error();
    EXPECT_EQ(r.error().path, c.path) << c.name << ": " << r.error();
  }
}

}  // namespace
