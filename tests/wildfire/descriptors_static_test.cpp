// Compile-time facts of every Wildfire descriptor.
#include "chatbind/wildfire.hpp"

#include <boost/mp11/algorithm.hpp>

#include <type_traits>

namespace wf = chatbind::wildfire;
using chatbind::Body;
using chatbind::Method;

template <class E, class Req, class Resp>
constexpr bool describes(std::string_view path) {
  return chatbind::EndpointDescriptor<E> && E::method == Method::post && E::body == Body::json && E::path == path &&
         std::is_same_v<typename E::request, Req> && std::is_same_v<typename E::response, Resp> &&
         std::is_same_v<typename E::platform, wf::Platform>;
}

static_assert(describes<wf::CreateChatroom, wf::CreateChatroomRequest, wf::CreateChatroomResult>("/admin/chatroom/create"));
static_assert(describes<wf::GetChatroomInfo, wf::ChatroomIdRequest, wf::ChatroomInfo>("/admin/chatroom/info"));
static_assert(describes<wf::DestroyChatroom, wf::ChatroomIdRequest, chatbind::Empty>("/admin/chatroom/del"));
static_assert(describes<wf::SetChatroomBlacklist, wf::SetBlacklistRequest, chatbind::Empty>("/admin/chatroom/set_black_status"));
static_assert(describes<wf::GetChatroomBlacklist, wf::ChatroomIdRequest, wf::ChatroomBlacklist>("/admin/chatroom/get_black_status"));
static_assert(describes<wf::SetChatroomManager, wf::SetManagerRequest, chatbind::Empty>("/admin/chatroom/set_manager"));
static_assert(describes<wf::GetChatroomManagers, wf::ChatroomIdRequest, wf::UserIdList>("/admin/chatroom/get_manager_list"));
static_assert(describes<wf::SetChatroomMuteAll, wf::MuteAllRequest, chatbind::Empty>("/admin/chatroom/mute_all"));
static_assert(describes<wf::GetChatroomMembers, wf::ChatroomIdRequest, wf::UserIdList>("/admin/chatroom/members"));
static_assert(describes<wf::GetUserChatroom, wf::UserIdRequest, wf::UserChatroom>("/admin/chatroom/user_chatroom"));
static_assert(boost::mp11::mp_size<wf::chatroom_endpoints>::value == 10, "the ten chatroom endpoints");
static_assert(boost::mp11::mp_size<wf::user_endpoints>::value == 21, "the twenty-one user endpoints");
static_assert(boost::mp11::mp_size<wf::relation_endpoints>::value == 11, "the eleven relation endpoints");
static_assert(boost::mp11::mp_size<wf::group_endpoints>::value == 18, "the eighteen group endpoints");
static_assert(boost::mp11::mp_size<wf::message_endpoints>::value == 15, "the fifteen message endpoints");
static_assert(boost::mp11::mp_size<wf::sensitive_endpoints>::value == 3, "the three sensitive-word endpoints");
static_assert(boost::mp11::mp_size<wf::device_endpoints>::value == 3, "the three device endpoints");
static_assert(boost::mp11::mp_size<wf::channel_endpoints>::value == 5, "the five admin channel endpoints");
static_assert(boost::mp11::mp_size<wf::general_endpoints>::value == 4, "the four general endpoints");
static_assert(boost::mp11::mp_size<wf::conference_endpoints>::value == 9, "the nine conference endpoints");
static_assert(boost::mp11::mp_size<wf::oss_endpoints>::value == 1, "the one oss endpoint");
static_assert(boost::mp11::mp_size<wf::robot_service_endpoints>::value == 26, "the twenty-six robot API endpoints");
static_assert(boost::mp11::mp_size<wf::channel_service_endpoints>::value == 8, "the eight channel API endpoints");
static_assert(boost::mp11::mp_size<wf::all_endpoints>::value == 134, "the admin API's 100, the robot API's 26, the channel API's 8");

// The robot and channel APIs authenticate with their own policies and have only their own clients.
template <class E>
struct uses_robot : std::is_same<typename E::platform, wf::RobotPlatform> {};
template <class E>
struct uses_channel : std::is_same<typename E::platform, wf::ChannelPlatform> {};
template <class E>
struct uses_admin : std::is_same<typename E::platform, wf::Platform> {};
static_assert(boost::mp11::mp_all_of<wf::robot_service_endpoints, uses_robot>::value);
static_assert(boost::mp11::mp_all_of<wf::channel_service_endpoints, uses_channel>::value);
static_assert(boost::mp11::mp_count_if<wf::all_endpoints, uses_admin>::value == 100);
static_assert(std::is_same_v<chatbind::credentials_t<wf::RobotSendMessage>, wf::RobotCredentials>);
static_assert(std::is_same_v<chatbind::credentials_t<wf::ChannelSendMessage>, wf::ChannelCredentials>);
static_assert(wf::RobotGetProfile::body == Body::none && std::is_empty_v<wf::RobotGetProfileRequest>);
static_assert(std::is_same_v<wf::RobotRecallMessage::response, std::string>);
static_assert(std::is_same_v<wf::ChannelIsSubscriber::response, bool>);

// /admin/health: the one GET, and the one call without signing headers (security: []).
static_assert(wf::HealthCheck::method == Method::get && wf::HealthCheck::body == Body::none && wf::HealthCheck::anonymous);
static_assert(std::is_same_v<wf::HealthCheck::response, std::vector<wf::HealthNode>>);
static_assert(!chatbind::detail::is_anonymous<wf::GetSystemSetting> && chatbind::detail::is_anonymous<wf::HealthCheck>);

// The other non-struct payloads of the new admin groups.
static_assert(std::is_same_v<wf::ConferenceExists::response, bool>);
static_assert(std::is_same_v<wf::GetCustomer::response, chatbind::RawJson> && wf::GetCustomer::body == Body::none);
static_assert(std::is_same_v<wf::GetFriendRequests::response, chatbind::RawJson>);
static_assert(describes<wf::BatchGetUserInfos, wf::UserIdList, std::vector<wf::UserInfo>>("/admin/user/batch_get_infos"));
static_assert(describes<wf::DeleteMulticastMessage, wf::RecallMulticastMessageRequest, chatbind::Empty>("/admin/message/delete_multicast"));
static_assert(std::is_same_v<decltype(wf::ChannelMenu::subMenus), std::optional<std::vector<wf::ChannelMenu>>>, "recursive, as a struct");

// The special bodies of the user group: a bare JSON string, and no body at all.
static_assert(describes<wf::GetUsersByEmail, std::string, wf::UserInfoList>("/admin/user/get_info_by_email"));
static_assert(wf::GetBlockedUsers::body == Body::none && std::is_empty_v<wf::GetBlockedUsersRequest>);
static_assert(wf::GetOnlineUserCount::body == Body::none &&
              std::is_same_v<wf::GetOnlineUserCount::response, std::vector<wf::OnlineCountNode>>);
static_assert(describes<wf::GetRelation, wf::StringPair, wf::Relation>("/admin/relation/get"));
static_assert(describes<wf::KickoffUserClient, wf::StringPair, chatbind::Empty>("/admin/user/kickoff_client"));

// The group, message and sensitive groups: shared request shapes, the string payload of recall, the body-less query.
static_assert(describes<wf::CreateGroup, wf::CreateGroupRequest, wf::CreateGroupResult>("/admin/group/create"));
static_assert(describes<wf::GetGroupMembers, wf::GroupIdRequest, wf::GroupMemberList>("/admin/group/member/list"));
static_assert(describes<wf::GetGroupMember, wf::GroupMemberRequest, wf::GroupMember>("/admin/group/member/get"));
static_assert(describes<wf::GetUserGroups, wf::UserIdRequest, wf::GroupIdList>("/admin/group/of_user"));
static_assert(describes<wf::GetCommonGroups, wf::StringPair, wf::GroupIdList>("/admin/group/common_group"));
static_assert(describes<wf::SendMessage, wf::SendMessageRequest, wf::SendMessageResult>("/admin/message/send"));
static_assert(describes<wf::RecallMessage, wf::RecallMessageRequest, std::string>("/admin/message/recall"));
static_assert(describes<wf::GetMessage, wf::MessageUidRequest, wf::MessageData>("/admin/message/get_one"));
static_assert(describes<wf::GetMessageDelivery, wf::UserIdRequest, wf::TimestampResult>("/admin/message/delivery"));
static_assert(describes<wf::AddSensitiveWords, wf::SensitiveWords, chatbind::Empty>("/admin/sensitive/add"));
static_assert(wf::GetSensitiveWords::body == Body::none && std::is_empty_v<wf::GetSensitiveWordsRequest> &&
              std::is_same_v<wf::GetSensitiveWords::response, wf::SensitiveWords>);
static_assert(std::is_same_v<decltype(wf::SendMessageResult::messageUid), std::int64_t>, "a Java long, past 2^53");
static_assert(std::is_same_v<decltype(wf::UpdateMessageContentRequest::distribute), std::optional<chatbind::IntBool>>);
static_assert(static_cast<int>(wf::ConversationType::private_) == 0 && static_cast<int>(wf::ConversationType::secret_chat) == 5);
static_assert(static_cast<int>(wf::PersistFlag::transparent) == 4);
static_assert(static_cast<int>(wf::GroupType::restricted) == 2 && static_cast<int>(wf::GroupMemberType::allowed) == 5);
static_assert(static_cast<int>(wf::ModifyGroupInfoType::super_group) == 9);
static_assert(static_cast<int>(wf::ErrorCode::group_already_exist) == 11 && static_cast<int>(wf::ErrorCode::not_exist) == 253);

// ClientPlatform is not the policy; linux is linux_ (-std=gnu++20 defines `linux` as 1).
static_assert(!std::is_same_v<wf::ClientPlatform, wf::Platform>);
static_assert(static_cast<int>(wf::ClientPlatform::linux_) == 7);
static_assert(static_cast<int>(wf::UserType::super_admin) == 100);
static_assert(static_cast<int>(wf::UpdateUserInfoMask::name) == 512);
static_assert(static_cast<int>(wf::UserBlacklistStatus::blacklisted) == 2);

// Open enums: the documented values, 32-bit or wider, any other value representable.
static_assert(static_cast<int>(wf::BlacklistStatus::forbidden_entry) == 2);
static_assert(static_cast<int>(wf::ChatroomState::ended) == 2);
static_assert(static_cast<int>(wf::ErrorCode::api_not_signed) == 239);
static_assert(static_cast<int>(wf::ErrorCode::sign_expired) == 243);
static_assert(static_cast<int>(wf::ErrorCode::auth_failure) == 244);
static_assert(static_cast<int>(wf::ErrorCode::invalid_parameter) == 251);
static_assert(static_cast<int>(wf::ErrorCode::not_implement) == 254);
