// Compile-time facts of every Heychat descriptor: a wrong path, method, body kind or type fails the build.
#include "chatbind/heychat.hpp"

#include <boost/mp11/algorithm.hpp>

#include <type_traits>

namespace hc = chatbind::heychat;
using chatbind::Body;
using chatbind::Method;

template <class E, Method M, Body B, class Req, class Resp, class Policy = hc::Platform>
constexpr bool describes(std::string_view path) {
  return chatbind::EndpointDescriptor<E> && E::method == M && E::body == B && E::path == path &&
         std::is_same_v<typename E::request, Req> && std::is_same_v<typename E::response, Resp> &&
         std::is_same_v<typename E::platform, Policy>;
}

static_assert(describes<hc::SendChannelMessage, Method::post, Body::json, hc::ChannelMessageSend,
                        hc::ChannelMessageSendResult>("/chatroom/v2/channel_msg/send"));
static_assert(describes<hc::GrantRole, Method::post, Body::json, hc::RoleAssignment, chatbind::Empty>(
    "/chatroom/v2/room_role/grant"));
static_assert(describes<hc::RevokeRole, Method::post, Body::json, hc::RoleAssignment, chatbind::Empty>(
    "/chatroom/v2/room_role/revoke"));
static_assert(describes<hc::ListRoomRoles, Method::get, Body::none, hc::ListRoomRolesRequest, hc::RoomRoleList>(
    "/chatroom/v2/room_role/roles"));
static_assert(describes<hc::ViewRoom, Method::get, Body::none, hc::ViewRoomRequest, hc::RoomView>(
    "/chatroom/v2/room/view"));
// The rest of the bot API (issue 3): the public docs, HeyBox.Net and the community adapters.
static_assert(describes<hc::UpdateChannelMessage, Method::post, Body::json, hc::ChannelMessageUpdate, hc::ChannelMessageUpdateResult>(
    "/chatroom/v2/channel_msg/update"));
static_assert(describes<hc::DeleteChannelMessage, Method::post, Body::json, hc::ChannelMessageRef, chatbind::Empty>(
    "/chatroom/v2/channel_msg/delete"));
static_assert(describes<hc::ReplyEmoji, Method::post, Body::json, hc::EmojiReply, chatbind::Empty>(
    "/chatroom/v2/channel_msg/emoji/reply"));
static_assert(describes<hc::SendUserMessage, Method::post, Body::json, hc::UserMessageSend, hc::UserMessageSendResult>(
    "/chatroom/v3/msg/user"));
static_assert(describes<hc::UploadMedia, Method::post, Body::multipart, hc::MediaUpload, hc::MediaUploadResult>(
    "/upload"));
static_assert(describes<hc::CreateRole, Method::post, Body::json, hc::RoleCreate, hc::Role>(
    "/chatroom/v2/room_role/create"));
static_assert(describes<hc::UpdateRole, Method::post, Body::json, hc::RoleUpdate, hc::Role>(
    "/chatroom/v2/room_role/update"));
static_assert(describes<hc::DeleteRole, Method::post, Body::json, hc::RoleDelete, chatbind::Empty>(
    "/chatroom/v2/room_role/delete"));
static_assert(describes<hc::ListRoomMemes, Method::get, Body::none, hc::ListRoomMemesRequest, hc::RoomMemeList>(
    "/chatroom/v3/msg/meme/room/list"));
static_assert(describes<hc::DeleteRoomMeme, Method::post, Body::json, hc::RoomMemeDelete, chatbind::Empty>(
    "/chatroom/v2/msg/meme/room/del"));
static_assert(describes<hc::RenameRoomMeme, Method::post, Body::json, hc::RoomMemeRename, chatbind::Empty>(
    "/chatroom/v2/msg/meme/room/edit"));
static_assert(describes<hc::SetRoomNickname, Method::post, Body::json, hc::RoomNickname, chatbind::Empty>(
    "/chatroom/v2/room/nickname"));
static_assert(describes<hc::ListJoinedRooms, Method::get, Body::none, hc::ListJoinedRoomsRequest, hc::JoinedRooms>(
    "/chatroom/v2/room/joined"));
static_assert(describes<hc::LeaveRoom, Method::post, Body::json, hc::RoomLeave, chatbind::Empty>(
    "/chatroom/v2/room/leave"));
static_assert(describes<hc::KickFromRoom, Method::post, Body::json, hc::RoomKick, chatbind::Empty>(
    "/chatroom/v2/room/kick_out"));
static_assert(describes<hc::ListRoomUsers, Method::get, Body::none, hc::ListRoomUsersRequest, hc::RoomUsers>(
    "/chatroom/v2/room/users"));
static_assert(describes<hc::BanUser, Method::post, Body::json, hc::RoomBan, chatbind::Empty>(
    "/chatroom/v2/room/ban"));
static_assert(describes<hc::ToggleChannelMicrophone, Method::post, Body::json, hc::ChannelUserMute, chatbind::Empty>(
    "/chatroom/v2/channel/mute_user"));
static_assert(describes<hc::MuteRoomMicrophone, Method::post, Body::json, hc::RoomUserMute, chatbind::Empty>(
    "/chatroom/v2/room/mute"));
static_assert(describes<hc::MuteRoomSpeaker, Method::post, Body::json, hc::RoomUserMute, chatbind::Empty>(
    "/chatroom/v2/room/mute_earphone"));
static_assert(describes<hc::MoveMembers, Method::post, Body::json, hc::MemberMove, chatbind::Empty>(
    "/chatroom/v2/channel/move_member"));
static_assert(describes<hc::FindUserChannel, Method::get, Body::none, hc::FindUserChannelRequest, hc::UserChannel>(
    "/chatroom/v2/channel/which_user"));
static_assert(describes<hc::ListVoiceChannelUsers, Method::get, Body::none, hc::ListVoiceChannelUsersRequest, hc::VoiceChannelUsers>(
    "/chatroom/v2/channel/user/list"));
static_assert(describes<hc::CreateInviteCode, Method::get, Body::none, hc::CreateInviteCodeRequest, hc::InviteCode>(
    "/chatroom/v2/invite/code"));
static_assert(describes<hc::RenameChannel, Method::post, Body::json, hc::ChannelRename, chatbind::Empty>(
    "/chatroom/v2/channel/edit"));
static_assert(describes<hc::EditChannelSetting, Method::post, Body::json, hc::ChannelSettingEdit, chatbind::Empty>(
    "/chatroom/v2/settings/channel/edit"));
static_assert(describes<hc::CreateChannel, Method::post, Body::json, hc::ChannelCreate, hc::ChannelCreated>(
    "/chatroom/v3/channel/create"));
static_assert(describes<hc::DeleteChannel, Method::post, Body::json, hc::ChannelDelete, chatbind::Empty>(
    "/chatroom/v2/channel/delete"));
static_assert(describes<hc::StartStream, Method::post, Body::json, hc::StreamPush, hc::StreamTask>(
    "/chatroom/v3/channel/stream/push"));
static_assert(describes<hc::StopStream, Method::post, Body::json, hc::StreamTask, chatbind::Empty>(
    "/chatroom/v3/channel/stream/stop"));
// Query parameters beside a JSON body: the request is {query, body}.
static_assert(describes<hc::KickFromChannel, Method::post, Body::json, hc::KickFromChannelRequest, chatbind::Empty>(
    "/chatroom/v2/channel/kick_out"));
static_assert(std::is_same_v<hc::KickFromChannel::query, hc::KickFromChannelQuery> &&
              std::is_same_v<decltype(hc::KickFromChannelRequest::body), hc::ChannelKick>);
static_assert(describes<hc::SetChannelPermissions, Method::post, Body::json, hc::SetChannelPermissionsRequest,
                        chatbind::Empty>("/chatroom/v2/role/role_user_perm"));
static_assert(std::is_same_v<decltype(hc::SetChannelPermissionsRequest::body), hc::ChannelPermissionOverwrites>);
// Everything in the query, a POST without body; a GET whose payload no source shows (kept as JSON).
static_assert(describes<hc::SetChannelPassword, Method::post, Body::none, hc::SetChannelPasswordRequest, chatbind::Empty>(
    "/chatroom/channel/edit_password/no_encrypt"));
static_assert(describes<hc::GetChannelUserPermissions, Method::get, Body::none, hc::GetChannelUserPermissionsRequest,
                        chatbind::RawJson>("/chatroom/v2/channel_user_perm/list_with_parent"));
// User authorization: a form body, a bare answer, Bearer calls on the resource host (OAuthPlatform).
static_assert(describes<hc::RequestOAuthToken, Method::post, Body::form, hc::OAuthTokenRequest, hc::OAuthToken,
                        hc::OAuthPlatform>(
    "/chatroom/api/token"));
static_assert(hc::RequestOAuthToken::anonymous && hc::OpenAuthorizationPage::anonymous);
static_assert(hc::RequestOAuthToken::secret_fields.size() == 3 && hc::RequestOAuthToken::secret_fields[2] == "client_secret");
static_assert(describes<hc::GetChatDurations, Method::get, Body::none, hc::GetChatDurationsRequest, hc::ChatDurations,
                        hc::OAuthPlatform>(
    "/chatroom/api/duration/chat"));
static_assert(hc::GetOAuthAccountInfo::base_url == "https://api.xiaoheihe.cn");
static_assert(boost::mp11::mp_size<hc::all_endpoints>::value == 43, "the five seed operations and thirty-eight more");
static_assert(boost::mp11::mp_size<hc::oauth_endpoints>::value == 4);

// The media upload lives on its own host, which Credentials::upload_base_url can override.
static_assert(hc::UploadMedia::base_url == "https://chat-upload.xiaoheihe.cn");
static_assert(std::is_same_v<decltype(hc::MediaUpload::file), chatbind::multipart::File>);
// Open enums: role and channel types.
static_assert(std::is_same_v<decltype(hc::Role::type), hc::RoleType> && std::is_enum_v<hc::ChannelType>);
static_assert(static_cast<int>(hc::RoleType::everyone) == 255 && static_cast<int>(hc::ChannelType::text) == 1);

// Every descriptor belongs to Heychat: the bot's policy, or OAuthPlatform for the oauth group alone.
template <class E>
using platform_is_heychat = std::is_same<typename E::platform, hc::Platform>;
template <class E>
using platform_is_oauth = std::is_same<typename E::platform, hc::OAuthPlatform>;
static_assert(boost::mp11::mp_all_of<hc::oauth_endpoints, platform_is_oauth>::value);
static_assert(boost::mp11::mp_count_if<hc::all_endpoints, platform_is_heychat>::value == 39);

// Query requests carry only query-able scalars; the common parameters are not part of them.
static_assert(std::is_same_v<decltype(hc::ViewRoomRequest::room_id), chatbind::Id> ||
              std::is_same_v<decltype(hc::ViewRoomRequest::room_id), std::string>);
static_assert(boost::mp11::mp_size<boost::describe::describe_members<hc::ViewRoomRequest, boost::describe::mod_public>>::value == 1);

// The room repeats its settings at its top level: it composes RoomSetting (allOf), so that neither
// part passes BOOST_DESCRIBE_STRUCT's limit and the walk over its members sees all 66.
static_assert(std::is_base_of_v<hc::RoomSetting, hc::Room>);
static_assert(boost::mp11::mp_size<boost::describe::describe_members<hc::Room, boost::describe::mod_public>>::value == 46);
static_assert(boost::mp11::mp_size<chatbind::reflect::members<hc::Room>>::value == 66);
