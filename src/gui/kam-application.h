/* kam-application.h
 *
 * Copyright 2026 The Key Accounts developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KAM_TYPE_APPLICATION (kam_application_get_type ())
G_DECLARE_FINAL_TYPE (KamApplication, kam_application, KAM, APPLICATION, AdwApplication)

KamApplication *kam_application_new (void);

/* Whether the machine has no graphics device under @dev_dir (normally
 * "/dev"): no DRM render node in dri/ (a VM's display-only card0 does not
 * count) and no NVIDIA device, so that OpenGL could only be Mesa's
 * software rasteriser (a virtual desktop, a VM, Xvfb). */
gboolean        kam_gl_is_software_only   (const char *dev_dir);

/* Before GTK starts: unless GSK_RENDERER says otherwise, draw with Cairo
 * where OpenGL would be software.  GTK 4.8's GL renderer on llvmpipe
 * spends most of a scrolled frame in shaders run on the CPU (the accounts
 * list: 73 ms a frame against 13 ms with Cairo, tests/bench-scroll). */
void            kam_choose_renderer       (void);

G_END_DECLS
