// chatbind — Yunhu (云湖) client API: every group (generated/all.hpp) and the policy.
// A translation unit that needs one group includes chatbind/yunhu/generated/<group>.hpp instead.
#pragma once

#include "chatbind/yunhu/generated/all.hpp"
#include "chatbind/yunhu/platform.hpp"
