// chatbind — Heychat (黑盒语音) bot API: types, endpoint descriptors, policy, client and helpers.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/heychat/client.hpp"
#include "chatbind/heychat/endpoints.hpp"
#include "chatbind/heychat/events.hpp"
#include "chatbind/heychat/cards.hpp"
#include "chatbind/heychat/mentions.hpp"
#include "chatbind/heychat/messages.hpp"
#include "chatbind/heychat/pagination.hpp"
#include "chatbind/heychat/permissions.hpp"
#include "chatbind/heychat/platform.hpp"
#include "chatbind/heychat/rate_limit.hpp"
#include "chatbind/heychat/types.hpp"
