// chatbind — Wildfire IM (野火IM) server admin API: every group (generated/all.hpp) and the policy.
// A translation unit that needs one group includes chatbind/wildfire/generated/<group>.hpp instead.
#pragma once

#include "chatbind/wildfire/generated/all.hpp"
#include "chatbind/wildfire/platform.hpp"
