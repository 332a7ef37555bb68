/*
 * pywalk - a depth-first walk over a tree-sitter-python tree that knows, at
 * every node, when that code runs (DESIGN.md §2). Shared by facts.c (every
 * file) and uses.c (files whose imports are to be rewritten).
 *
 * The walk uses a TSTreeCursor and an explicit stack of frames, one per
 * depth, so input nesting never deepens the C stack. A child's frame comes
 * from its parent's frame, the parent's kind and the child's field
 * (dc_py_child_frame): the semantic rules live in that one function.
 */
#ifndef DC_PYWALK_H
#define DC_PYWALK_H

#include <stdbool.h>
#include <stdint.h>
#include <tree_sitter/api.h>

#include "arena.h"

/* Node kinds the walks distinguish; DC_PY_OTHER for every other node. */
enum dc_py_kind {
  DC_PY_OTHER,
#define KIND(k, name) DC_PY_##k,
#include "pywalk_kinds.def"
#undef KIND
  DC_PY_KIND_COUNT
};

/* Field names the walks read. */
enum dc_py_field {
  DC_PY_F_NONE,
#define FIELD(f, name) DC_PY_F_##f,
#include "pywalk_fields.def"
#undef FIELD
  DC_PY_FIELD_COUNT
};

/* When code runs; a state only gets weaker going down the tree. */
enum dc_py_state {
  DC_PY_RUN,      /* while the module is imported */
  DC_PY_DEFERRED, /* in a def/lambda body or under `if __name__ == "__main__":` */
  DC_PY_NEVER,    /* under `if TYPE_CHECKING:`/`if False:`, or an annotation never evaluated */
};

enum dc_py_scope { DC_PY_SCOPE_MODULE, DC_PY_SCOPE_CLASS, DC_PY_SCOPE_FUNCTION };

/* dc_py_frame - what is known about the node at one depth of the walk.
 * `consequence`: for an if/elif, the state its condition gives its body.
 * `target`: the node is (part of) an assignment target.
 * `has_value`: for an assignment, it has a right side (`x: int` binds nothing).
 * `entered_later`: the parent runs at import time and this node does not.
 * `annotation`: the node is inside an annotation.
 * `field`: the node's field in its parent (0 for none). */
typedef struct dc_py_frame {
  uint8_t kind;
  uint8_t state;
  uint8_t scope;
  uint8_t consequence;
  bool target;
  bool has_value;
  bool entered_later;
  bool annotation;
  TSFieldId field;
} dc_py_frame;

/* From Python 3.14 on, annotations are evaluated lazily (PEP 649), as if
 * every module had `from __future__ import annotations`. */
#define DC_PY_LAZY_ANNOTATIONS_MINOR 14

/* Flags of a walk. DC_PY_WALK_LAZY_ANNOTATIONS: the target Python
 * evaluates annotations lazily, so no annotation runs at import time. */
enum dc_py_walk_flags { DC_PY_WALK_LAZY_ANNOTATIONS = 1 << 0 };

/* The walk flags of a project whose target Python is 3.`minor`. */
static inline unsigned dc_py_walk_flags_for(uint32_t minor) {
  return minor >= DC_PY_LAZY_ANNOTATIONS_MINOR ? DC_PY_WALK_LAZY_ANNOTATIONS : 0;
}

/* dc_py_walk - one walk. `enter` is called for every node in document order
 * and returns whether to descend into it; it may update the frame (an
 * if's `consequence`, an assignment's `has_value`) and `future_annotations`,
 * which later frames read. `leave`, when not NULL, is called after a node's
 * children (right after `enter` for a node not descended into). */
typedef struct dc_py_walk {
  const char *src; /* the text the tree was parsed from */
  bool future_annotations;
  unsigned flags; /* enum dc_py_walk_flags */
  bool (*enter)(struct dc_py_walk *w, TSNode n, dc_py_frame *f);
  void (*leave)(struct dc_py_walk *w, TSNode n, const dc_py_frame *f);
  void *ctx;
} dc_py_walk;

/* Walks the whole tree. Never recurses. */
void dc_py_walk_tree(dc_py_walk *w, TSTree *tree);

enum dc_py_kind dc_py_kind_of(TSNode n);
TSNode dc_py_child(TSNode n, enum dc_py_field f);
TSFieldId dc_py_field_id(enum dc_py_field f);
/* tree-sitter-python reads a starred `*a.b`, `*a(...)` or `*a[...]` in a
 * tuple without brackets or in a subscript as `(*a).b`, `(*a)(...)`,
 * `(*a)[...]` (fuzz_facts). Such a list_splat, which Python never has in
 * that place, stands for its name: the name when `n` is one, else `n`. */
TSNode dc_py_unsplat(TSNode n);

/* Whether the text of `n` in `src` is exactly `s`. */
bool dc_py_text_is(const char *src, TSNode n, const char *s);
/* The text of `n`, copied into `arena`. */
const char *dc_py_text(const char *src, TSNode n, dc_arena *arena);
/* The value of a plain string literal ("x", 'x', r"x"), copied into
 * `arena`, or NULL when it has another prefix, an escape, an interpolation
 * or several parts. */
const char *dc_py_string_literal(const char *src, TSNode s, dc_arena *arena);
/* The state an if/elif condition gives its body: never for TYPE_CHECKING,
 * X.TYPE_CHECKING and False; deferred for `__name__ == "__main__"`. */
enum dc_py_state dc_py_condition_state(const char *src, TSNode cond);

/* The tree-sitter Python language, from the grammar's static library. */
const TSLanguage *tree_sitter_python(void);

#endif
