// chatbind — Heychat (黑盒语音) bot API: every group (generated/all.hpp), the policy, events and helpers.
// A translation unit that needs one group includes chatbind/heychat/generated/<group>.hpp instead.
#pragma once

#include "chatbind/heychat/cards.hpp"
#include "chatbind/heychat/events.hpp"
#include "chatbind/heychat/generated/all.hpp"
#include "chatbind/heychat/mentions.hpp"
#include "chatbind/heychat/messages.hpp"
#include "chatbind/heychat/oauth.hpp"
#include "chatbind/heychat/pagination.hpp"
#include "chatbind/heychat/permissions.hpp"
#include "chatbind/heychat/platform.hpp"
#include "chatbind/heychat/rate_limit.hpp"
