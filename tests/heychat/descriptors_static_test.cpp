// Compile-time facts of every Heychat descriptor: a wrong path, method, body kind or type fails the build.
#include "chatbind/heychat.hpp"

#include <boost/mp11/algorithm.hpp>

#include <type_traits>

namespace hc = chatbind::heychat;
using chatbind::Body;
using chatbind::Method;

template <class E, Method M, Body B, class Req, class Resp>
constexpr bool describes(std::string_view path) {
  return chatbind::EndpointDescriptor<E> && E::method == M && E::body == B && E::path == path &&
         std::is_same_v<typename E::request, Req> && std::is_same_v<typename E::response, Resp> &&
         std::is_same_v<typename E::platform, hc::Platform>;
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
static_assert(boost::mp11::mp_size<hc::all_endpoints>::value == 5, "exactly the five documented operations");

// Every descriptor in the list belongs to Heychat.
template <class E>
using platform_is_heychat = std::is_same<typename E::platform, hc::Platform>;
static_assert(boost::mp11::mp_all_of<hc::all_endpoints, platform_is_heychat>::value);

// Query requests carry only query-able scalars; the common parameters are not part of them.
static_assert(std::is_same_v<decltype(hc::ViewRoomRequest::room_id), chatbind::Id> ||
              std::is_same_v<decltype(hc::ViewRoomRequest::room_id), std::string>);
static_assert(boost::mp11::mp_size<boost::describe::describe_members<hc::ViewRoomRequest, boost::describe::mod_public>>::value == 1);

// The room object has more members than BOOST_DESCRIBE_STRUCT accepts; it is still fully described.
static_assert(boost::mp11::mp_size<boost::describe::describe_members<hc::Room, boost::describe::mod_public>>::value > 52);
