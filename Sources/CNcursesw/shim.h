#ifndef TEMOIN_CNCURSESW_SHIM_H
#define TEMOIN_CNCURSESW_SHIM_H

/* SwiftPM drops -D_XOPEN_SOURCE from pkg-config: ask for the wide API here. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <ncurses.h>

/* C globals and function-like macros, exposed as functions for Swift 6. */
static inline WINDOW *temoin_stdscr(void) { return stdscr; }
static inline int temoin_lines(void) { return LINES; }
static inline int temoin_cols(void) { return COLS; }
static inline int temoin_color_pair(int n) { return COLOR_PAIR(n); }
static inline int temoin_key_f(int n) { return KEY_F(n); }
static inline void temoin_set_escdelay(int ms) { set_escdelay(ms); }

#endif
