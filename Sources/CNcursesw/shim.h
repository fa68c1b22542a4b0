#ifndef TEMOIN_CNCURSESW_SHIM_H
#define TEMOIN_CNCURSESW_SHIM_H

/* SwiftPM drops -D_XOPEN_SOURCE from pkg-config: ask for the wide API here. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <ncurses.h>

/* C globals and function-like macros, exposed as functions for Swift 6. */
static inline WINDOW *temoin_stdscr(void) { return stdscr; }
static inline WINDOW *temoin_curscr(void) { return curscr; }
static inline FILE *temoin_stdin(void) { return stdin; }
static inline FILE *temoin_stdout(void) { return stdout; }
static inline int temoin_lines(void) { return LINES; }
static inline int temoin_cols(void) { return COLS; }
static inline int temoin_color_pair(int n) { return COLOR_PAIR(n); }
static inline int temoin_color_pairs(void) { return COLOR_PAIRS; }
static inline int temoin_key_f(int n) { return KEY_F(n); }
static inline void temoin_set_escdelay(int ms) { set_escdelay(ms); }
static inline attr_t temoin_a_normal(void) { return A_NORMAL; }
static inline attr_t temoin_a_bold(void) { return A_BOLD; }
static inline attr_t temoin_a_underline(void) { return A_UNDERLINE; }
static inline attr_t temoin_a_reverse(void) { return A_REVERSE; }
static inline attr_t temoin_a_dim(void) { return A_DIM; }
static inline int temoin_ccharw_max(void) { return CCHARW_MAX; }
/* wcwidth is hidden without _XOPEN_SOURCE, which SwiftPM drops. */
extern int wcwidth(wchar_t c);
static inline int temoin_wcwidth(wchar_t c) { return wcwidth(c); }
/* nl_langinfo(CODESET) as a plain function, for the locale check. */
static inline const char *temoin_codeset(void) { return nl_langinfo(CODESET); }

#endif
