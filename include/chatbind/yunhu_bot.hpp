// chatbind — Yunhu (云湖) bot open API: every group (generated/all.hpp), the policy, the streamed message.
// A translation unit that needs one group includes chatbind/yunhu_bot/generated/<group>.hpp instead.
#pragma once

#include "chatbind/yunhu_bot/generated/all.hpp"
#include "chatbind/yunhu_bot/platform.hpp"
#include "chatbind/yunhu_bot/stream.hpp"
