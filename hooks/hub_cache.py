"""Compiled Jinja templates kept between builds, for the hub's templates and the theme's.

Compiling a template is most of what it costs to load it: MkDocs makes a new Jinja environment
for the theme on every build (`Theme.get_env`), so without a cache every build, and every
`mkdocs serve` rebuild after a save, compiles Material's 40-odd templates afresh. Jinja's own
`FileSystemBytecodeCache` keeps the compiled code on disk; `bytecode_cache(env)` gives one:

- Where: Jinja's default folder for it, `_jinja2-cache-<uid>` in the system temporary folder
  (made private to the user by Jinja, which refuses a folder anyone else owns or can write). It
  is never inside the repository, `site/` or the offline bundle, and a missing or emptied folder
  only means compiling again. CI starts with an empty one.
- When a template changes: Jinja keys each entry by the template's name and file and stores the
  checksum of its source; a template whose source changed (an edit under `overrides/`) is
  compiled again, and the bytecode also records the Jinja and Python versions.
- Which environment: compiled code depends on the environment's settings (autoescape,
  trim_blocks, extensions...), which Jinja's keys do not include. Each set of settings gets its
  own file name pattern (`settings_key`), so the hub's own environment (autoescaped, blocks
  trimmed) and the theme's never read each other's code.
- One cache object per set of settings in the process (module level), so `mkdocs serve`, which
  keeps the hook modules loaded between rebuilds, reuses it.
- A cache only saves time, so it never fails a build: a cache file that cannot be read (damaged,
  a folder that is not one) is compiled again, one that cannot be written (disk full, read-only)
  is skipped, and with no safe temporary folder at all templates are simply compiled each time.

`DIRECTORY` (None: Jinja's default) exists for tests, which point it at a folder of their own.
Nothing here imports mkdocs.
"""

from __future__ import annotations

import hashlib

from jinja2 import Environment, FileSystemBytecodeCache
from jinja2.bccache import Bucket

DIRECTORY: str | None = None


class OptionalBytecodeCache(FileSystemBytecodeCache):
    """Jinja's `FileSystemBytecodeCache`, except that a cache file it cannot read or write is
    treated as missing instead of failing the template's load."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - any damaged or unreadable entry: compile again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # the compiled template is used all the same, only not kept
            pass


_caches: dict[tuple[str | None, str], OptionalBytecodeCache | None] = {}


def settings_key(env: Environment) -> str:
    """A short, stable name for the settings of `env` that change the code Jinja compiles."""
    autoescape = env.autoescape
    if callable(autoescape):  # e.g. select_autoescape(): the function and what it was made with
        closure = tuple(cell.cell_contents for cell in getattr(autoescape, "__closure__", None) or ())
        autoescape = (f"{autoescape.__module__}.{autoescape.__qualname__}", closure)
    settings = (
        sorted(env.extensions), autoescape, env.block_start_string, env.block_end_string,
        env.variable_start_string, env.variable_end_string, env.comment_start_string,
        env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks,
        env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline, env.optimized, env.is_async,
    )
    return hashlib.sha1(repr(settings).encode("utf-8")).hexdigest()[:12]


def bytecode_cache(env: Environment) -> OptionalBytecodeCache | None:
    """The bytecode cache for environments set up like `env` (see the module docstring), or None
    when there is no safe folder for one."""
    key = (DIRECTORY, settings_key(env))
    if key not in _caches:
        try:
            _caches[key] = OptionalBytecodeCache(DIRECTORY, pattern=f"__jinja2_hub_{key[1]}_%s.cache")
        except (OSError, RuntimeError):  # Jinja found no temporary folder only this user can write
            _caches[key] = None
    return _caches[key]


def use_bytecode_cache(env: Environment) -> Environment:
    """Give `env` its bytecode cache; templates it loads from now on are compiled at most once."""
    env.bytecode_cache = bytecode_cache(env)
    return env
