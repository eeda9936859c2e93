"""Renders the model into header files with Jinja2 templates."""
from __future__ import annotations

import textwrap
from pathlib import Path

import jinja2

from .model import Field, Module, TypeRef

# BOOST_DESCRIBE_STRUCT's preprocessor loop takes at most this many members.
DESCRIBE_STRUCT_MAX = 52

SCALARS = {
    "string": "std::string", "int32": "std::int32_t", "int64": "std::int64_t", "uint32": "std::uint32_t",
    "uint64": "std::uint64_t", "double": "double", "float": "float", "bool": "bool", "int_bool": "chatbind::IntBool",
    "id": "chatbind::Id", "json": "chatbind::Json", "empty": "chatbind::Empty", "file": "chatbind::multipart::File",
}


def cpp_type(t: TypeRef) -> str:
    if t.kind in SCALARS:
        return SCALARS[t.kind]
    if t.kind in ("struct", "enum"):
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
    if f.presence == "optional":  # for Json too: an absent key stays apart from a null value
        return f"std::optional<{inner}>"
    if f.presence == "nullable" and f.type.kind != "json":
        return f"chatbind::Nullable<{inner}>"
    return inner  # a Json member holds null itself


def default_init(f: Field) -> str:
    """Every member is value-initialised: no indeterminate scalar in a default-constructed struct,
    and designated initializers may leave members out without -Wmissing-field-initializers."""
    return "{}"


def comment(text: str, indent: str = "", width: int = 100) -> str:
    if not text:
        return ""
    lines = textwrap.wrap(text, width=width - len(indent) - 4, break_long_words=False, break_on_hyphens=False)
    return "\n".join(f"{indent}/// {line}" for line in lines) + "\n"


def cpp_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("chatbind_codegen", "templates"),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True,
    )
    env.filters.update(cpp_type=cpp_type, member_type=member_type, default_init=default_init,
                       comment=comment, cpp_string=cpp_string)
    env.globals["DESCRIBE_STRUCT_MAX"] = DESCRIBE_STRUCT_MAX
    return env


def render(module: Module) -> dict[str, str]:
    """File name (relative to include/chatbind/<namespace>/) -> content."""
    env = environment()
    files = {}
    for name in ("types.hpp", "endpoints.hpp", "client.hpp", "examples.hpp"):
        files[name] = env.get_template(name + ".j2").render(m=module)
    return files


def write(module: Module, include_dir: Path) -> list[Path]:
    out_dir = include_dir / "chatbind" / module.namespace
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render(module).items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written
