/* check_plan.c - placeholder suite until the plan stage lands. */
#include "check_decycle.h"

Suite *make_plan_suite(void) { return suite_create("plan"); }
