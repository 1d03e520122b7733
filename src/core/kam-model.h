/* kam-model.h — all record kinds of the data model
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kam-account.h"
#include "kam-contact.h"
#include "kam-enums.h"
#include "kam-member.h"
#include "kam-opportunity.h"
#include "kam-record.h"
#include "kam-relation.h"
#include "kam-visit.h"
