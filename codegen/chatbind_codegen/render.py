"""Renders the model into header files with Jinja2 templates.

Per platform, under include/chatbind/<namespace>/generated/:
  types.hpp          enumerations, the common query, signing facts, and the types several groups share
  <group>.hpp        one per OpenAPI tag: its own types, endpoint descriptors, <Group>Api and <Group>Client
  events.hpp         server-push event payloads, their list, the websocket's facts (when the spec has events)
  all.hpp            every group, all_endpoints and the Client of every group
  spec_examples.hpp  the spec's request and response examples, for tests and the fakes
"""
from __future__ import annotations

import textwrap
from pathlib import Path

import jinja2

from .loader import snake_case
from .model import Field, Module, Struct, TypeRef, Union

GENERATED_DIR = "generated"

SCALARS = {
    "string": "std::string", "int32": "std::int32_t", "int64": "std::int64_t", "uint32": "std::uint32_t",
    "uint64": "std::uint64_t", "double": "double", "float": "float", "bool": "bool", "int_bool": "chatbind::IntBool",
    "id": "chatbind::Id", "json": "chatbind::RawJson", "empty": "chatbind::Empty", "file": "chatbind::multipart::File",
}


def cpp_type(t: TypeRef) -> str:
    if t.kind in SCALARS:
        return SCALARS[t.kind]
    if t.kind in ("struct", "enum", "union"):
        return t.name
    if t.kind == "vector":
        return f"std::vector<{cpp_type(t.item)}>"
    if t.kind == "map":
        return f"std::map<std::string, {cpp_type(t.item)}>"
    raise ValueError(f"no C++ type for {t}")


def member_type(f: Field) -> str:
    inner = cpp_type(f.type)
    if f.presence == "optional" and f.keep_null and f.type.kind != "json":
        return f"std::optional<chatbind::Nullable<{inner}>>"  # absent, null and a value all stay apart
    if f.presence == "optional":  # for RawJson too: an absent key stays apart from a null value
        return f"std::optional<{inner}>"
    if f.presence == "nullable" and f.type.kind != "json":
        return f"chatbind::Nullable<{inner}>"
    return inner  # a RawJson member holds null itself


def comment(text: str, indent: str = "", width: int = 100) -> str:
    if not text:
        return ""
    lines = textwrap.wrap(text, width=width - len(indent) - 4, break_long_words=False, break_on_hyphens=False)
    return "\n".join(f"{indent}/// {line}" for line in lines) + "\n"


def cpp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def raw_string(text: str) -> str:
    """A raw string literal whose delimiter does not occur in the text."""
    delim = "json"
    while f"){delim}\"" in text:
        delim += "_"
    return f'R"{delim}({text}){delim}"'


def is_struct(t) -> bool:
    return isinstance(t, Struct)


def is_union(t) -> bool:
    return isinstance(t, Union)


def uses(types: list, kind: str) -> bool:
    """Whether any member of `types` (structs) has a type of `kind`, at any depth of vectors/maps."""
    def has(t: TypeRef) -> bool:
        return t.kind == kind or (t.item is not None and has(t.item))
    return any(has(f.type) for s in types if is_struct(s) for f in s.fields)


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("chatbind_codegen", "templates"),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(cpp_type=cpp_type, member_type=member_type, comment=comment, cpp_string=cpp_string,
                       raw_string=raw_string, snake_case=snake_case)
    env.tests.update(struct=is_struct, union=is_union)
    env.globals.update(uses=uses, GENERATED_DIR=GENERATED_DIR)
    return env


def render(module: Module) -> dict[str, str]:
    """File name (relative to include/chatbind/<namespace>/generated/) -> content."""
    env = environment()
    files = {"types.hpp": env.get_template("types.hpp.j2").render(m=module)}
    for g in module.groups:
        files[g.name + ".hpp"] = env.get_template("group.hpp.j2").render(m=module, g=g)
    if module.events or module.websocket:
        files["events.hpp"] = env.get_template("events.hpp.j2").render(m=module)
    files["all.hpp"] = env.get_template("all.hpp.j2").render(m=module)
    files["spec_examples.hpp"] = env.get_template("spec_examples.hpp.j2").render(m=module)
    return files


def output_dir(module: Module, include_dir: Path) -> Path:
    return include_dir / "chatbind" / module.namespace / GENERATED_DIR


def write(module: Module, include_dir: Path) -> list[Path]:
    """Writes the headers and removes generated headers the spec no longer produces."""
    out_dir = output_dir(module, include_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    files = render(module)
    for stale in out_dir.glob("*.hpp"):
        if stale.name not in files:
            stale.unlink()
    written = []
    for name, text in files.items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
