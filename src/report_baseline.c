/*
 * report_baseline.c - the lines a run against a baseline prints on stderr
 * (see baseline.h for what new, smaller, grown and fixed mean). The order
 * follows the data: new cycles by first module, entries in file order.
 */
#include "report_baseline.h"

static void modules_of_entry(const dc_baseline_entry *e, FILE *out) {
  for (uint32_t i = 0; i < e->n_modules; i++) fprintf(out, "%s%s", i ? ", " : "", e->modules[i]);
}

void dc_report_baseline(const char *path, const dc_baseline *b, const dc_baseline_check *check, const dc_graph *g,
                        const dc_components *c, FILE *out) {
  fprintf(out, "decycle: baseline '%s': %u new cycle%s, %u known\n", path, check->n_new, check->n_new == 1 ? "" : "s",
          check->n_known);
  for (uint32_t i = 0; i < check->n_new; i++) {
    const dc_component *comp = &c->items[check->new_cycles[i]];
    fputs("  new cycle: ", out);
    for (uint32_t k = 0; k < comp->n_modules; k++) fprintf(out, "%s%s", k ? ", " : "", g->names[comp->modules[k]]);
    fputc('\n', out);
  }
  static const char *const what[] = {
      [DC_BASELINE_SMALLER] = "smaller now, tighten the baseline (--write-baseline)",
      [DC_BASELINE_GROWN] = "grown into a new cycle",
      [DC_BASELINE_FIXED] = "fixed, remove it from the baseline (--write-baseline)",
  };
  for (uint32_t e = 0; e < b->n; e++) {
    uint8_t state = check->entry_state[e];
    if (state == DC_BASELINE_SAME) continue;
    fprintf(out, "  %s:%u: %s: ", path, b->entries[e].line + 1, what[state]);
    modules_of_entry(&b->entries[e], out);
    fputc('\n', out);
  }
}

void dc_report_baseline_written(const char *path, const dc_components *c, FILE *out) {
  fprintf(out, "decycle: baseline '%s' written: %u cycle%s\n", path, c->n, c->n == 1 ? "" : "s");
}
