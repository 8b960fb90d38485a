/* views_map.h - the story map overlay (SHOW_OV_MAP): every beat of the
 * scenario as a node laid out by depth from the start, the branches between
 * them, the beats and branches explored in this event (across rewinds)
 * highlighted, the current beat marked, endings marked.  Drawn by
 * views_draw() above the screen when v->overlays has SHOW_OV_MAP. */
#ifndef VIEWS_VIEWS_MAP_H
#define VIEWS_VIEWS_MAP_H

#include "show/show.h"
#include "render/gfx.h"

void views_draw_map(Gfx *g, const ShowView *v);

#endif
