/* check_diff.c - placeholder suite until the diff stage lands. */
#include "check_decycle.h"

Suite *make_diff_suite(void) { return suite_create("diff"); }
