// The Wildfire operations of spec/wildfire.yaml's tag `group` (groups and their members of the
// server admin API). Source of every example: the spec's own (spec/wildfire.yaml, generated into
// spec_examples.hpp), constructed from the pojo fields of wildfirechat/im-server at c4421fc
// (InputCreateGroup, PojoGroup, PojoGroupInfo, PojoGroupMember, InputGetGroup, OutputGroupIds, …;
// no published document covers this group). Request encoding gives the example's exact bytes; the
// example response decodes into the documented fields; then the mixed key styles (group_id beside
// groupId and memberId), the optional InputGroupBase fields, open enums and typed errors.
#include "wildfire/generated/common.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace chatbind_test::wildfire;

const std::vector<std::int32_t> kLine0{0};

// --------------------------------------------------------------------------- request encoding

TEST(WildfireGroupRequest, EveryOperationEncodesTheSpecExample) {
  // InputCreateGroup: operator and to_lines (InputGroupBase), group {group_info, members}.
  expect_example_request<wf::CreateGroup>(
      {.operator_ = "user1",
       .to_lines = kLine0,
       .group = {.group_info = {.target_id = "group1",
                                .name = "技术交流群",
                                .portrait = "https://example.com/group/group1.png",
                                .owner = "user1",
                                .type = wf::GroupType::restricted},
                 .members = std::vector<wf::GroupMember>{{.member_id = "user1", .type = wf::GroupMemberType::owner}, {.member_id = "user2"}}}});
  expect_example_request<wf::DismissGroup>({.operator_ = "user1", .to_lines = kLine0, .group_id = "group1"});
  expect_example_request<wf::GetGroupInfo>({.groupId = "group1"});
  expect_example_request<wf::ModifyGroupInfo>({.operator_ = "user1",
                                               .to_lines = kLine0,
                                               .notify_message = wf::MessagePayload{.type = 1, .searchableContent = "管理员修改了群组"},
                                               .group_id = "group1",
                                               .type = wf::ModifyGroupInfoType::name,
                                               .value = "新群名"});
  expect_example_request<wf::TransferGroup>({.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .new_owner = "user2"});
  expect_example_request<wf::GetGroupMembers>({.groupId = "group1"});
  expect_example_request<wf::GetGroupMember>({.groupId = "group1", .memberId = "user2"});
  expect_example_request<wf::AddGroupMembers>(
      {.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .members = {{.member_id = "user3"}, {.member_id = "user4", .alias = "老王"}}});
  expect_example_request<wf::KickoffGroupMembers>({.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .members = {"user3"}});
  expect_example_request<wf::QuitGroup>({.operator_ = "user3", .group_id = "group1"});
  expect_example_request<wf::SetGroupMemberAlias>(
      {.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .memberId = "user2", .alias = "小李"});
  expect_example_request<wf::SetGroupMemberExtra>(
      {.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .memberId = "user2", .extra = R"({"dept":"研发"})"});
  expect_example_request<wf::SetGroupManager>(
      {.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .members = {"user2"}, .is_manager = true});
  expect_example_request<wf::MuteGroupMembers>(
      {.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .members = {"user3"}, .is_manager = true});
  expect_example_request<wf::AllowGroupMembers>(
      {.operator_ = "user1", .to_lines = kLine0, .group_id = "group1", .members = {"user2"}, .is_manager = true});
  expect_example_request<wf::GetUserGroups>({.userId = "user1"});
  expect_example_request<wf::GetUserGroupsByType>(
      {.userId = "user1", .groupMemberTypes = std::vector<wf::GroupMemberType>{wf::GroupMemberType::manager, wf::GroupMemberType::owner}});
  expect_example_request<wf::GetCommonGroups>({.first = "user1", .second = "user2"});
}

TEST(WildfireGroupRequest, TheInputGroupBaseFieldsAreLeftOutUntilSet) {
  // The server reads a missing to_lines as line 0 and a missing notify_message as the default notice.
  EXPECT_EQ(encode<wf::DismissGroup>({.operator_ = "u1", .group_id = "g"}).body, R"({"operator":"u1","group_id":"g"})");
  EXPECT_EQ(encode<wf::AddGroupMembers>({.group_id = "g", .members = {{.member_id = "u2"}}}).body,
            R"({"group_id":"g","members":[{"member_id":"u2"}]})")
      << "operator is optional here: AddGroupMemberAction does not check it";
  EXPECT_EQ(encode<wf::SetGroupManager>({.operator_ = "u1", .group_id = "g", .members = {"u2"}, .is_manager = false}).body,
            R"({"operator":"u1","group_id":"g","members":["u2"],"is_manager":false})")
      << "a required false is sent";
}

TEST(WildfireGroupRequest, TheReadCallsUseCamelCaseKeys) {
  // InputGetGroup / InputGetGroupMember name their fields groupId and memberId, the changing calls group_id.
  EXPECT_EQ(encode<wf::GetGroupMember>({.groupId = "g", .memberId = "u"}).body, R"({"groupId":"g","memberId":"u"})");
  EXPECT_EQ(encode<wf::SetGroupMemberAlias>({.group_id = "g", .memberId = "u"}).body, R"({"group_id":"g","memberId":"u"})");
}

TEST(WildfireGroupRequest, EnumsTravelAsNumbers) {
  EXPECT_EQ(encode<wf::ModifyGroupInfo>({.operator_ = "u", .group_id = "g", .type = wf::ModifyGroupInfoType::mute, .value = "1"}).body,
            R"({"operator":"u","group_id":"g","type":3,"value":"1"})");
  EXPECT_EQ(encode<wf::GetUserGroupsByType>({.userId = "u", .groupMemberTypes = std::vector<wf::GroupMemberType>{wf::GroupMemberType::allowed}}).body,
            R"({"userId":"u","groupMemberTypes":[5]})");
}

// -------------------------------------------------------------------------- response decoding

TEST(WildfireGroupResponse, EveryOperationDecodesTheSpecExample) {
  EXPECT_EQ(decode_example<wf::CreateGroup>().group_id, "group1");
  decode_example<wf::DismissGroup>();
  const auto info = decode_example<wf::GetGroupInfo>();
  EXPECT_EQ(info.target_id, "group1");
  EXPECT_EQ(info.name, "技术交流群");
  EXPECT_EQ(info.owner, "user1");
  EXPECT_EQ(info.type, wf::GroupType::restricted);
  EXPECT_EQ(info.extra, "");
  EXPECT_EQ(info.mute, 0);
  EXPECT_EQ(info.max_member_count, 2000);
  EXPECT_EQ(info.super_group, false);
  decode_example<wf::ModifyGroupInfo>();
  decode_example<wf::TransferGroup>();
  const wf::GroupMember li{.member_id = "user2", .alias = "小李", .type = wf::GroupMemberType::normal, .extra = "", .createDt = 1711353600000};
  const auto members = decode_example<wf::GetGroupMembers>();
  ASSERT_EQ(members.members.size(), 2u);
  EXPECT_EQ(members.members[0].member_id, "user1");
  EXPECT_EQ(members.members[0].type, wf::GroupMemberType::owner);
  EXPECT_EQ(members.members[1], li);
  EXPECT_EQ(decode_example<wf::GetGroupMember>(), li);
  decode_example<wf::AddGroupMembers>();
  decode_example<wf::KickoffGroupMembers>();
  decode_example<wf::QuitGroup>();
  decode_example<wf::SetGroupMemberAlias>();
  decode_example<wf::SetGroupMemberExtra>();
  decode_example<wf::SetGroupManager>();
  decode_example<wf::MuteGroupMembers>();
  decode_example<wf::AllowGroupMembers>();
  EXPECT_EQ(decode_example<wf::GetUserGroups>().groupIds, (std::vector<std::string>{"group1", "group2"}));
  EXPECT_EQ(decode_example<wf::GetUserGroupsByType>().groupIds, (std::vector<std::string>{"group1"}));
  EXPECT_EQ(decode_example<wf::GetCommonGroups>().groupIds, (std::vector<std::string>{"group1"}));
}

TEST(WildfireGroupResponse, TheServersCodesAreNamed) {
  // CreateGroupHandler: 11 when target_id exists; GetGroupInfoAction: 253 when the group is missing;
  // the store: 248 when the operator may not do it.
  EXPECT_EQ(wf::error_code(decode_error<wf::CreateGroup>(R"({"code":11,"msg":"group already exist"})")), wf::ErrorCode::group_already_exist);
  EXPECT_EQ(wf::error_code(decode_error<wf::GetGroupInfo>(R"({"code":253,"msg":"not exist"})")), wf::ErrorCode::not_exist);
  EXPECT_EQ(wf::error_code(decode_error<wf::TransferGroup>(R"({"code":248,"msg":"no right to operate"})")), wf::ErrorCode::not_right);
  EXPECT_EQ(wf::error_code(decode_error<wf::KickoffGroupMembers>(R"({"code":251,"msg":"Invalid parameter"})")), wf::ErrorCode::invalid_parameter);
}

TEST(WildfireGroupResponse, OpenEnumsKeepUnknownValues) {
  auto r = chatbind::decode_response<wf::GetGroupMember>(ok(R"({"code":0,"msg":"success","result":{"member_id":"u","type":9}})"));
  ASSERT_TRUE(r) << r.error();
  EXPECT_EQ(static_cast<int>(*r->type), 9);
  EXPECT_FALSE(r->alias) << "absent stays absent";
}

TEST(WildfireGroupResponse, BadInputIsATypedError) {
  struct Case {
    const char* name;
    chatbind::Error error;
    std::string path;
  };
  const Case cases[] = {
      {"member_id missing", decode_error<wf::GetGroupMember>(R"({"code":0,"msg":"success","result":{"alias":""}})"), "result.member_id"},
      {"createDt as a string", decode_error<wf::GetGroupMember>(R"({"code":0,"msg":"success","result":{"member_id":"u","createDt":"1"}})"),
       "result.createDt"},
      {"a member without member_id",
       decode_error<wf::GetGroupMembers>(R"({"code":0,"msg":"success","result":{"members":[{"member_id":"a"},{"type":0}]}})"),
       "result.members[1].member_id"},
      {"members missing", decode_error<wf::GetGroupMembers>(R"({"code":0,"msg":"success","result":{}})"), "result.members"},
      {"super_group as a string", decode_error<wf::GetGroupInfo>(R"({"code":0,"msg":"success","result":{"super_group":"false"}})"),
       "result.super_group"},
      {"mute past int32", decode_error<wf::GetGroupInfo>(R"({"code":0,"msg":"success","result":{"mute":2147483648}})"), "result.mute"},
      {"a group id as a number", decode_error<wf::GetUserGroups>(R"({"code":0,"msg":"success","result":{"groupIds":[1]}})"),
       "result.groupIds[0]"},
      {"group_id missing", decode_error<wf::CreateGroup>(R"({"code":0,"msg":"success","result":{}})"), "result.group_id"},
      {"no result", decode_error<wf::GetCommonGroups>(R"({"code":0,"msg":"success"})"), "result"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(c.error.kind, ErrorKind::schema) << c.name << ": " << c.error;
    EXPECT_EQ(c.error.path, c.path) << c.name << ": " << c.error;
  }
}

}  // namespace
