// chatbind — Heychat (黑盒语音) bot API: types, endpoint descriptors, policy and client.
#pragma once

#include "chatbind/core/endpoint.hpp"
#include "chatbind/heychat/client.hpp"
#include "chatbind/heychat/endpoints.hpp"
#include "chatbind/heychat/platform.hpp"
#include "chatbind/heychat/types.hpp"
