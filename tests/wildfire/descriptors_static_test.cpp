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
static_assert(boost::mp11::mp_size<wf::user_endpoints>::value == 18, "the eighteen user endpoints");
static_assert(boost::mp11::mp_size<wf::relation_endpoints>::value == 9, "the nine relation endpoints");
static_assert(boost::mp11::mp_size<wf::all_endpoints>::value == 37, "chatroom, user and relation");

// The special bodies of the user group: a bare JSON string, and no body at all.
static_assert(describes<wf::GetUsersByEmail, std::string, wf::UserInfoList>("/admin/user/get_info_by_email"));
static_assert(wf::GetBlockedUsers::body == Body::none && std::is_empty_v<wf::GetBlockedUsersRequest>);
static_assert(wf::GetOnlineUserCount::body == Body::none &&
              std::is_same_v<wf::GetOnlineUserCount::response, std::vector<wf::OnlineCountNode>>);
static_assert(describes<wf::GetRelation, wf::StringPair, wf::Relation>("/admin/relation/get"));
static_assert(describes<wf::KickoffUserClient, wf::StringPair, chatbind::Empty>("/admin/user/kickoff_client"));

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
