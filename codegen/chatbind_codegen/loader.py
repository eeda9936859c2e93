"""Loads an OpenAPI 3.1 document (see spec/README.md for the conventions) into the model."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from .model import (Alternative, Endpoint, Enum, EnumValue, Field, Group, Module, Signing, Struct, TypeRef, Union, Webhook,
                    Websocket)

CPP_KEYWORDS = frozenset("""
alignas alignof and and_eq asm auto bitand bitor bool break case catch char char8_t char16_t
char32_t class compl concept const consteval constexpr constinit const_cast continue co_await
co_return co_yield decltype default delete do double dynamic_cast else enum explicit export extern
false float for friend goto if inline int long mutable namespace new noexcept not not_eq nullptr
operator or or_eq private protected public register reinterpret_cast requires return short signed
sizeof static static_assert static_cast struct switch template this thread_local throw true try
typedef typeid typename union unsigned using virtual void volatile wchar_t while xor xor_eq
""".split())

# Object-like macros that GCC and Clang predefine outside strict ISO mode (-std=gnu++20, CMake's default
# when CXX_EXTENSIONS is on): a member or enumerator of that name would read as `1`. They get the
# keywords' '_'.
PREDEFINED_MACROS = frozenset({"linux", "unix", "i386", "sun"})

# Names a platform's namespace already has: its policy (include/chatbind/<platform>/platform.hpp
# declares Platform and Credentials) and what the generator writes beside the spec's types. A component
# schema or an operation cannot take one (a Wildfire enum of client platforms is ClientPlatform).
RESERVED_TYPE_NAMES = frozenset({"Platform", "Credentials", "Client", "Signing", "CommonQuery"})

HTTP_METHODS = ("get", "post", "put", "patch", "delete")

# BOOST_DESCRIBE_STRUCT's preprocessor loop takes at most this many members (bases aside).
DESCRIBE_STRUCT_MAX = 52

# The pseudo-group of the types only server-push events use (generated/events.hpp).
EVENTS = "<events>"
SHARED = "<types>"  # a user that marks the types generated/types.hpp needs for a type no group uses

# Generated header names that a group (an OpenAPI tag) cannot take.
RESERVED_HEADERS = frozenset({"types", "events", "all", "spec_examples"})


class SpecError(Exception):
    """The spec breaks a convention of spec/README.md; the message names the place."""


def pascal_case(name: str) -> str:
    parts = re.split(r"[^0-9A-Za-z]+", name)
    out = "".join(p[:1].upper() + p[1:] for p in parts if p)
    if not out or not out[0].isalpha():
        raise SpecError(f"cannot make a type name from {name!r}")
    return out


def snake_case(name: str) -> str:
    s = name.replace("OAuth", "Oauth")  # one word: requestOAuthToken -> request_oauth_token
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", s)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return re.sub(r"[^0-9A-Za-z]+", "_", s).strip("_").lower()


def cpp_member_name(wire: str, where: str) -> str:
    """The member name of a wire name: the same, with '-' as '_' (`chat-id` -> `chat_id`, listed in
    the struct's `wire_names`) and '_' appended to C++ keywords and predefined macros (`linux`)."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", wire):
        raise SpecError(f"{where}: {wire!r} is not usable as a C++ member name")
    if wire.endswith("_") or wire.endswith("-"):
        raise SpecError(f"{where}: wire names ending in '_' or '-' clash with the keyword rule")
    name = wire.replace("-", "_")
    return name + "_" if name in CPP_KEYWORDS or name in PREDEFINED_MACROS else name


def one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


class Loader:
    def __init__(self, doc: dict, source: str):
        self.doc = doc
        self.source = source
        self.schemas: dict = doc.get("components", {}).get("schemas", {}) or {}
        self.parameters: dict = doc.get("components", {}).get("parameters", {}) or {}
        self.structs: dict[str, Struct] = {}
        self.enums: dict[str, Enum] = {}
        self.unions: dict[str, Union] = {}
        self.proto = None  # a proto_loader.ProtoModel when the platform has .proto files

    # --- references -------------------------------------------------------------------------
    def resolve(self, node: dict, where: str) -> dict:
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not ref:
            return node
        prefix_s, prefix_p = "#/components/schemas/", "#/components/parameters/"
        if ref.startswith(prefix_s) and ref[len(prefix_s):] in self.schemas:
            return self.schemas[ref[len(prefix_s):]]
        if ref.startswith(prefix_p) and ref[len(prefix_p):] in self.parameters:
            return self.parameters[ref[len(prefix_p):]]
        raise SpecError(f"{where}: unresolved $ref {ref}")

    def named_type(self, ref: str, where: str) -> TypeRef:
        prefix = "#/components/schemas/"
        if not ref.startswith(prefix):
            raise SpecError(f"{where}: only component schema references are supported, got {ref}")
        name = ref[len(prefix):]
        if name not in self.schemas:
            raise SpecError(f"{where}: unresolved $ref {ref}")
        return self.component(name)

    # --- schemas ----------------------------------------------------------------------------
    def component(self, name: str) -> TypeRef:
        schema = self.schemas[name]
        where = f"#/components/schemas/{name}"
        cpp = pascal_case(name)
        if "enum" in schema and schema.get("type") == "integer":
            if cpp not in self.enums:
                self.enums[cpp] = self.load_enum(cpp, schema, where)
            return TypeRef("enum", cpp)
        if "enum" in schema and schema.get("type") == "string":
            if cpp not in self.enums:
                self.enums[cpp] = self.load_string_enum(cpp, schema, where)
            return TypeRef("enum", cpp)
        if "oneOf" in schema and "discriminator" in schema:
            if cpp not in self.unions:
                self.load_union(cpp, schema, where)
            return TypeRef("union", cpp)
        if "allOf" in schema:
            if cpp not in self.structs:
                self.load_struct(cpp, schema, where)
            return TypeRef("struct", cpp)
        if schema.get("type") == "object" and "properties" in schema:
            if cpp not in self.structs:
                self.load_struct(cpp, schema, where)
            return TypeRef("struct", cpp)
        # A named alias of a scalar/array/map: use its type directly.
        t, _ = self.type_of(schema, where, cpp)
        return t

    def load_enum(self, name: str, schema: dict, where: str) -> Enum:
        values = schema["enum"]
        names = schema.get("x-enum-varnames")
        if not names or len(names) != len(values):
            raise SpecError(f"{where}: an integer enum needs x-enum-varnames, one per value")
        descriptions = schema.get("x-enum-descriptions") or [""] * len(values)
        return Enum(name, one_line(schema.get("description")),
                    [EnumValue(cpp_member_name(n, where), int(v), one_line(d))
                     for n, v, d in zip(names, values, descriptions)])

    def load_string_enum(self, name: str, schema: dict, where: str) -> Enum:
        """`type: string` + `enum`: an open enumeration of wire texts. The C++ names are the texts in
        snake_case unless x-enum-varnames gives them."""
        values = [str(v) for v in schema["enum"]]
        names = schema.get("x-enum-varnames") or [snake_case(v) or "empty" for v in values]
        if len(names) != len(values):
            raise SpecError(f"{where}: x-enum-varnames needs one name per value")
        descriptions = schema.get("x-enum-descriptions") or [""] * len(values)
        cpp_names = [cpp_member_name(n if n[:1].isalpha() else "v" + n, where) for n in names]
        taken = sorted({"Value", "wire"} & set(cpp_names))
        if taken:
            raise SpecError(f"{where}: enumerator names {taken} clash with the generated struct's own; give x-enum-varnames")
        if len(set(cpp_names)) != len(cpp_names) or len(set(values)) != len(values):
            raise SpecError(f"{where}: string enum values or their C++ names repeat: {cpp_names}")
        return Enum(name, one_line(schema.get("description")),
                    [EnumValue(n, i, one_line(d), wire=v) for i, (n, v, d) in enumerate(zip(cpp_names, values, descriptions))],
                    underlying="", string=True)

    def load_union(self, name: str, schema: dict, where: str) -> Union:
        """`oneOf` + `discriminator`: the alternatives are component structs that do not declare the
        discriminator property themselves (the union writes it); `mapping` gives each one's tag."""
        disc = schema["discriminator"]
        prop = disc.get("propertyName")
        mapping = disc.get("mapping") or {}
        if not prop or not mapping:
            raise SpecError(f"{where}: a discriminator needs propertyName and a mapping of every alternative")
        union = Union(name, prop, description=one_line(schema.get("description")), source=where,
                      group=str(schema.get("x-chatbind-group") or ""))
        self.unions[name] = union  # registered first so that recursive references resolve
        refs = [o.get("$ref") for o in schema["oneOf"]]
        if None in refs:
            raise SpecError(f"{where}: every oneOf alternative must $ref a component schema")
        if sorted(refs) != sorted(mapping.values()):
            raise SpecError(f"{where}: the discriminator mapping must name each oneOf alternative once")
        for tag, ref in mapping.items():
            t = self.named_type(ref, where + "/discriminator/mapping/" + str(tag))
            if t.kind != "struct":
                raise SpecError(f"{where}: alternative {ref} is not an object schema")
            if any(f.wire_name == prop for f in self.structs[t.name].fields):
                raise SpecError(f"{where}: alternative {t.name} declares the discriminator {prop!r}: leave it to the union")
            union.alternatives.append(Alternative(str(tag), t.name))
        return union

    def load_struct(self, name: str, schema: dict, where: str) -> Struct:
        struct = Struct(name, one_line(schema.get("description") or schema.get("title")), source=where,
                        event_type=str(schema.get("x-chatbind-event") or ""),
                        group=str(schema.get("x-chatbind-group") or ""))
        self.structs[name] = struct  # registered first so that recursive references resolve
        # allOf: [{$ref: Base}, ..., {properties: ...}] composes bases with the struct's own members.
        parts = [schema] + list(schema.get("allOf") or [])
        properties: dict = {}
        required: set = set()
        for i, part in enumerate(parts):
            if i and "$ref" in part:
                base = self.named_type(part["$ref"], f"{where}/allOf/{i - 1}")
                if base.kind != "struct":
                    raise SpecError(f"{where}: allOf may only compose object schemas, not {part['$ref']}")
                struct.bases.append(base.name)
                continue
            if i and "allOf" in part:
                raise SpecError(f"{where}/allOf/{i - 1}: nest compositions through named components")
            properties.update(part.get("properties") or {})
            required |= set(part.get("required") or [])
        unknown = required - set(properties)
        if unknown:
            raise SpecError(f"{where}: required names undeclared properties {sorted(unknown)}")
        if len(properties) > DESCRIBE_STRUCT_MAX:
            raise SpecError(f"{where}: {len(properties)} properties, more than Boost.Describe's {DESCRIBE_STRUCT_MAX}:"
                            " compose the schema from parts with allOf")
        for wire, prop in properties.items():
            fwhere = f"{where}/properties/{wire}"
            t, nullable = self.type_of(prop, fwhere, name + pascal_case(wire))
            description = prop.get("description") if isinstance(prop, dict) else None
            if not description and isinstance(prop, dict) and "$ref" in prop:
                description = self.resolve(prop, fwhere).get("description")
            keep_null = bool(isinstance(prop, dict) and prop.get("x-chatbind-keep-null")) and nullable
            aliases = prop.get("x-chatbind-aliases", []) if isinstance(prop, dict) else []
            if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
                raise SpecError(f"{fwhere}: x-chatbind-aliases must be a list of keys")
            struct.fields.append(Field(wire, cpp_member_name(wire, fwhere), t, wire in required,
                                       nullable, one_line(description), keep_null=keep_null,
                                       default=self.default_of(prop, t, wire in required and not nullable, fwhere),
                                       secret=isinstance(prop, dict) and prop.get("format") == "password",
                                       aliases=list(aliases)))
        return struct

    def default_of(self, prop: Any, t: TypeRef, plain: bool, where: str) -> str:
        """`default:` on a required, non-null enum property: the value a new struct starts with (an
        optional member stays absent; the default is then the server's business)."""
        value = prop.get("default") if isinstance(prop, dict) else None
        if value is None:
            return ""
        if t.kind != "enum":
            raise SpecError(f"{where}: a default is generated for enum members only")
        if not plain:
            return ""
        enum = self.enums[t.name]
        for v in enum.values:
            if (enum.string and v.wire == str(value)) or (not enum.string and v.value == value):
                return f"{enum.name}::{v.name}"
        raise SpecError(f"{where}: default {value!r} is not a value of {enum.name}")

    def type_of(self, schema: Any, where: str, inline_name: str) -> tuple[TypeRef, bool]:
        """The C++ type of a schema, and whether it admits null."""
        if schema is True or schema == {} or schema is None:
            return TypeRef("json"), True
        if not isinstance(schema, dict):
            raise SpecError(f"{where}: schema must be a mapping")
        if "$ref" in schema:
            return self.named_type(schema["$ref"], where), False
        if "discriminator" in schema or "allOf" in schema:
            raise SpecError(f"{where}: a tagged union or a composition must be a named component schema")
        for combinator in ("anyOf", "oneOf"):
            if combinator in schema:
                options = schema[combinator]
                non_null = [o for o in options if o.get("type") != "null"]
                if len(non_null) == 1 and len(options) == 2:
                    t, _ = self.type_of(non_null[0], where, inline_name)
                    return t, True
                return TypeRef("json"), True  # a true union: kept verbatim
        special = schema.get("x-chatbind-type")
        types = schema.get("type")
        types = list(types) if isinstance(types, list) else ([types] if types else [])
        nullable = "null" in types
        types = [t for t in types if t != "null"]
        if special == "json":
            return TypeRef("json"), True
        if special == "id":
            return TypeRef("id"), nullable
        if special == "int-bool":
            return TypeRef("int_bool"), nullable
        if special == "file":  # a multipart file part: name, content type and bytes
            return TypeRef("file"), nullable
        if special:
            raise SpecError(f"{where}: unknown x-chatbind-type {special!r}")
        if not types:
            return TypeRef("json"), True
        if len(types) != 1:
            raise SpecError(f"{where}: a union of types {types} needs x-chatbind-type")
        kind = types[0]
        if kind == "string":
            return TypeRef("string"), nullable
        if kind == "integer":
            fmt = schema.get("format", "int64")
            mapping = {"int32": "int32", "int64": "int64", "uint32": "uint32", "uint64": "uint64"}
            if fmt not in mapping:
                raise SpecError(f"{where}: unsupported integer format {fmt!r}")
            return TypeRef(mapping[fmt]), nullable
        if kind == "number":
            return TypeRef("double"), nullable
        if kind == "boolean":
            return TypeRef("bool"), nullable
        if kind == "array":
            item, _ = self.type_of(schema.get("items", {}), where + "/items", inline_name + "Item")
            return TypeRef("vector", item=item), nullable
        if kind == "object":
            if "properties" in schema:
                if inline_name not in self.structs:
                    self.load_struct(inline_name, schema, where)
                return TypeRef("struct", inline_name), nullable
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict) and extra:
                item, _ = self.type_of(extra, where + "/additionalProperties", inline_name + "Value")
                return TypeRef("map", item=item), nullable
            return TypeRef("json"), nullable
        raise SpecError(f"{where}: unsupported type {kind!r}")

    # --- operations -------------------------------------------------------------------------
    def load_endpoints(self, result_key: str) -> list[Endpoint]:
        endpoints = []
        names: set[str] = set()
        for path, item in (self.doc.get("paths") or {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    ep = self.load_endpoint(path, method, item[method], result_key)
                    if ep.name in names or ep.name in self.structs or ep.name in self.enums or ep.name in self.unions:
                        raise SpecError(f"paths.{path}.{method}: name {ep.name} is already taken")
                    names.add(ep.name)
                    endpoints.append(ep)
        return endpoints

    def load_endpoint(self, path: str, method: str, op: dict, result_key: str) -> Endpoint:
        where = f"paths.{path}.{method}"
        op_id = op.get("operationId")
        if not op_id:
            raise SpecError(f"{where}: operationId is required")
        name = pascal_case(op_id)
        params = [self.resolve(p, where) for p in op.get("parameters") or []]
        own = [p for p in params if not p.get("x-chatbind-common")]
        content = (op.get("requestBody") or {}).get("content") or {}
        query = None  # set when query parameters travel beside a body
        if op.get("x-chatbind-protobuf"):
            body = "protobuf"
            request, response = self.protobuf_types(op["x-chatbind-protobuf"], where)
        elif "application/json" in content or "multipart/form-data" in content:
            body = "json" if "application/json" in content else "multipart"
            schema = content["application/json" if body == "json" else "multipart/form-data"].get("schema") or {}
            if "$ref" not in schema:
                raise SpecError(f"{where}: a {body} request body must $ref a component schema")
            request = self.named_type(schema["$ref"], where + ".requestBody")
            if own and body != "json":
                raise SpecError(f"{where}: only a JSON body can take own query parameters")
            if own:  # query parameters beside the body: the request is {query, body}
                query = self.parameters_struct(name + "Query", own, where, op)
                request = self.query_and_body(name + "Request", query, request, where, op)
            response = self.response_type(op, where, result_key)
        elif "application/x-www-form-urlencoded" in content:  # form fields, encoded as a query string is
            body = "form"
            schema = content["application/x-www-form-urlencoded"].get("schema") or {}
            if "$ref" not in schema:
                raise SpecError(f"{where}: a form request body must $ref a component schema")
            if own:
                raise SpecError(f"{where}: a form body takes no query parameters of its own")
            request = self.named_type(schema["$ref"], where + ".requestBody")
            response = self.response_type(op, where, result_key)
        elif "text/plain" in content:  # a text body (a streamed message), its parameters in the query
            body = "text"
            if (content["text/plain"].get("schema") or {}).get("type") != "string":
                raise SpecError(f"{where}: a text/plain body is a string schema")
            if not own:
                raise SpecError(f"{where}: a text/plain body travels beside query parameters")
            query = self.parameters_struct(name + "Query", own, where, op)
            request = self.query_and_body(name + "Request", query, TypeRef("string"), where, op)
            response = self.response_type(op, where, result_key)
        elif content:
            raise SpecError(f"{where}: unsupported request content {sorted(content)}")
        else:
            body = "none"
            request = self.parameters_struct(name + "Request", own, where, op)
            response = self.response_type(op, where, result_key)
        servers = op.get("servers") or []
        tags = op.get("tags") or []
        if len(tags) != 1:
            raise SpecError(f"{where}: an operation names exactly one tag, its group (got {tags})")
        return Endpoint(name, snake_case(op_id), method, path, body, request, response,
                        one_line(op.get("summary")), one_line(op.get("description")),
                        servers[0]["url"] if servers else "",
                        json_example(content.get("application/json") or {}, f"{where}.requestBody"),
                        self.response_example(op, body, where), query=query, group=tags[0],
                        fill=self.fill(op, request, where), anonymous=op.get("security") == [],
                        secret_fields=self.secret_fields(request) if body == "form" else [])

    def secret_fields(self, request: TypeRef) -> list[str]:
        """The wire names of a form body's `format: password` fields (an OAuth client secret, a refresh
        token): printing the request redacts their values."""
        return [f.wire_name for f in self.structs[request.name].fields if f.secret]

    def load_webhooks(self, taken: set[str]) -> list[Webhook]:
        """`webhooks:` (OpenAPI 3.1): what the platform POSTs to the app, one JSON body each. A webhook
        with a tag is generated into that tag's header; one without only documents."""
        hooks = []
        for name, item in (self.doc.get("webhooks") or {}).items():
            where = f"webhooks.{name}"
            op = (item or {}).get("post")
            if not op or set(item) - {"post", "summary", "description"}:
                raise SpecError(f"{where}: a webhook is one post operation")
            content = (op.get("requestBody") or {}).get("content") or {}
            schema = (content.get("application/json") or {}).get("schema") or {}
            if "$ref" not in schema:
                raise SpecError(f"{where}: the body is application/json and must $ref a component schema")
            tags = op.get("tags") or []
            if not tags:
                continue  # documentation only: its body is typed elsewhere (the Yunhu bot's event envelope)
            if len(tags) != 1:
                raise SpecError(f"{where}: a webhook names at most one tag, its group (got {tags})")
            hook = Webhook(name, pascal_case(name) + "Webhook", self.named_type(schema["$ref"], where + ".requestBody"),
                           one_line(op.get("summary")), one_line(op.get("description")), tags[0],
                           json_example(content["application/json"], where + ".requestBody"))
            if hook.cpp in taken or hook.cpp in self.structs or hook.cpp in self.enums or hook.cpp in self.unions:
                raise SpecError(f"{where}: name {hook.cpp} is already taken")
            taken.add(hook.cpp)
            hooks.append(hook)
        return hooks

    def fill(self, op: dict, request: TypeRef, where: str) -> dict[str, str]:
        """x-chatbind-fill: {member: uuid}: a value the client chooses (a de-duplication id), which
        chatbind fills with a fresh UUID when the caller leaves it empty."""
        fill = op.get("x-chatbind-fill") or {}
        members = {f.cpp_name: f for f in self.structs[request.name].fields} if request.kind == "struct" else {}
        for member, how in fill.items():
            if how != "uuid":
                raise SpecError(f"{where}.x-chatbind-fill.{member}: only uuid is supported, got {how!r}")
            if member not in members or members[member].type.kind != "string" or members[member].presence != "plain":
                raise SpecError(f"{where}.x-chatbind-fill: {member} is not a plain string member of the request")
        return dict(fill)

    def response_example(self, op: dict, body: str, where: str) -> str:
        """The 200 response's example: compact JSON, or for a protobuf operation its
        x-chatbind-example-text (protobuf text format); "" when the spec has none."""
        if body == "protobuf":
            return str(op.get("x-chatbind-example-text") or "")
        ok = (op.get("responses") or {}).get("200") or (op.get("responses") or {}).get("201") or {}
        return json_example((ok.get("content") or {}).get("application/json") or {}, f"{where}.responses.200")

    def protobuf_types(self, proto: dict, where: str) -> tuple[TypeRef, TypeRef]:
        """The request and response messages an x-chatbind-protobuf extension names."""
        if not self.proto:
            raise SpecError(f"{where}: x-chatbind-protobuf needs x-chatbind.proto at the document root")
        types = []
        for role in ("request", "response"):
            full = "." + str(proto.get(role, "")).lstrip(".")
            if self.proto.kinds.get(full) != "message":
                raise SpecError(f"{where}: x-chatbind-protobuf.{role} names no message: {full[1:]}")
            types.append(TypeRef("struct", self.proto.cpp_names[full]))
        return types[0], types[1]

    def parameters_struct(self, name: str, params: list[dict], where: str, op: dict) -> TypeRef:
        struct = Struct(name, f"Query parameters of {one_line(op.get('summary')) or name}.", source=where)
        for p in params:
            if p.get("in") != "query":
                raise SpecError(f"{where}: parameter {p.get('name')} in {p.get('in')} is not supported")
            t, nullable = self.type_of(p.get("schema", {}), f"{where}.parameters.{p['name']}", name)
            struct.fields.append(Field(p["name"], cpp_member_name(p["name"], where), t,
                                       bool(p.get("required")), nullable, one_line(p.get("description"))))
        if name in self.structs:
            raise SpecError(f"{where}: {name} is already taken")
        self.structs[name] = struct
        return TypeRef("struct", name)

    def query_and_body(self, name: str, query: TypeRef, body: TypeRef, where: str, op: dict) -> TypeRef:
        """The request of an operation with both query parameters and a body."""
        if name in self.structs:
            raise SpecError(f"{where}: {name} is already taken")
        struct = Struct(name, f"Query parameters and body of {one_line(op.get('summary')) or name}.", source=where)
        struct.fields.append(Field("query", "query", query, True, False, "The query parameters."))
        struct.fields.append(Field("body", "body", body, True, False, "The body."))
        self.structs[name] = struct
        return TypeRef("struct", name)

    def response_type(self, op: dict, where: str, result_key: str) -> TypeRef:
        ok = (op.get("responses") or {}).get("200") or (op.get("responses") or {}).get("201")
        if not ok:
            raise SpecError(f"{where}: a 200 response is required")
        schema = ((ok.get("content") or {}).get("application/json") or {}).get("schema")
        if not schema:
            return TypeRef("empty")
        if ok.get("x-chatbind-bare"):  # the payload is the whole body, not inside the envelope's result
            if "$ref" not in schema:
                raise SpecError(f"{where}: an x-chatbind-bare response must $ref a component schema")
            return self.named_type(schema["$ref"], where + ".responses.200")
        parts = schema.get("allOf", [schema])
        for part in parts:
            if "$ref" in part:
                continue
            prop = (part.get("properties") or {}).get(result_key)
            if prop is not None:
                t, _ = self.type_of(prop, f"{where}.responses.200.{result_key}", "")
                return t
        return TypeRef("empty")

    def common_query(self) -> Struct | None:
        common = [(k, p) for k, p in self.parameters.items() if p.get("x-chatbind-common")]
        if not common:
            return None
        struct = Struct("CommonQuery", "Query parameters sent with every call; the defaults are the platform's.",
                        source="#/components/parameters")
        for key, p in common:
            if p.get("in") != "query":
                raise SpecError(f"#/components/parameters/{key}: only common query parameters are supported")
            struct.fields.append(Field(p["name"], cpp_member_name(p["name"], key), TypeRef("string"), True,
                                       False, one_line(p.get("description"))))
        return struct


def json_example(media: dict, where: str) -> str:
    """A media type's example (or its first named example) as compact JSON in the spec's key order;
    "" when there is none."""
    if "example" in media:
        example = media["example"]
    elif media.get("examples"):
        example = next(iter(media["examples"].values())).get("value")
    else:
        return ""
    try:
        return json.dumps(example, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError) as e:
        raise SpecError(f"{where}: the example is not JSON: {e}") from e


def load(spec_path: Path, repo_root: Path) -> Module:
    doc = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    source = spec_path.resolve().relative_to(repo_root.resolve()).as_posix()
    meta = doc.get("x-chatbind") or {}
    if "namespace" not in meta:
        raise SpecError(f"{source}: x-chatbind.namespace is required")
    loader = Loader(doc, source)
    if "proto" in meta:
        from .proto_loader import ProtoError, load_protos
        root = (repo_root / meta["proto"]["root"]).resolve()
        files = sorted(p for pattern in meta["proto"]["files"] for p in root.glob(pattern))
        if not files:
            raise SpecError(f"{source}: x-chatbind.proto.files matches no file under {root}")
        try:
            loader.proto = load_protos(root, files)
        except ProtoError as e:
            raise SpecError(f"{source}: {e}") from e
        clash = (set(loader.proto.structs) | set(loader.proto.enums)) & {pascal_case(n) for n in loader.schemas}
        if clash:
            raise SpecError(f"{source}: names used both by .proto and by components/schemas: {sorted(clash)}")
        loader.structs.update(loader.proto.structs)
        loader.enums.update(loader.proto.enums)
    result_key = meta.get("result-key", "result")
    endpoints = loader.load_endpoints(result_key)
    webhooks = loader.load_webhooks({ep.name for ep in endpoints})
    # Every component is generated, referenced or not: the spec is the catalogue of types.
    for name in loader.schemas:
        loader.component(name)
    declared = set(loader.structs) | set(loader.enums) | set(loader.unions) | {ep.name for ep in endpoints} | {w.cpp for w in webhooks}
    policies = {tag_policy(t, source) for t in doc.get("tags") or []} - {"Platform"}
    reserved = RESERVED_TYPE_NAMES | policies | {p.removesuffix("Platform") + "Credentials" for p in policies}
    taken = sorted(reserved & declared)
    if taken:
        raise SpecError(f"{source}: {taken} would clash with the platform's own names in namespace"
                        f" {meta['namespace']} ({sorted(reserved)}): rename them")
    common = loader.common_query()
    defaults = {}
    if common:
        for p in loader.parameters.values():
            if p.get("x-chatbind-common"):
                defaults[p["name"]] = str((p.get("schema") or {}).get("default", ""))
    servers = doc.get("servers") or []
    base_url = ""
    if servers:
        base_url = servers[0]["url"]
        for var, spec in (servers[0].get("variables") or {}).items():
            base_url = base_url.replace("{" + var + "}", str(spec.get("default", "")))
    # A server URL with a path (https://host/open-apis/v1): the host is the base URL, the path
    # prefixes every operation's path, so that a descriptor's path is the whole HTTP path.
    base_url, prefix = split_server_url(base_url)
    for ep in endpoints:
        if ep.base_url:
            ep.base_url, own_prefix = split_server_url(ep.base_url)
            ep.path = own_prefix + ep.path
        else:
            ep.path = prefix + ep.path
    websocket = load_websocket(doc.get("x-chatbind-websocket"), loader, source)
    types = {**loader.structs, **loader.unions}
    flatten_requests(types, endpoints, source)
    events = sorted((s for s in loader.structs.values() if s.event_type), key=lambda s: s.name)
    module = Module(
        namespace=meta["namespace"], source=source, title=one_line(doc.get("info", {}).get("title")),
        default_base_url=base_url, result_key=result_key,
        structs=order_types(list(loader.structs.values()), types), enums=sorted(loader.enums.values(), key=lambda e: e.name),
        unions=order_types(list(loader.unions.values()), types),
        endpoints=endpoints, webhooks=webhooks, common_query=common, common_query_defaults=defaults, events=events,
        websocket=websocket, signing=load_signing(doc.get("x-chatbind-signing"), source))
    place_types(module, doc, types, source)
    return module


def split_server_url(url: str) -> tuple[str, str]:
    """scheme://host[:port]/path -> (scheme://host[:port], /path without a trailing '/')."""
    m = re.fullmatch(r"([a-z][a-z0-9+.-]*://[^/]+)(/.*)?", url)
    if not m:
        return url, ""
    return m.group(1), (m.group(2) or "").rstrip("/")


def load_websocket(ext: dict | None, loader: Loader, source: str) -> Websocket | None:
    if ext is None:
        return None
    where = f"{source}: x-chatbind-websocket"
    heartbeat = ext.get("heartbeat") or {}
    envelope = ext.get("envelope", "")
    if envelope:
        t = loader.named_type(envelope, where + ".envelope")
        if t.kind != "struct":
            raise SpecError(f"{where}.envelope: must name an object schema")
        envelope = t.name
    token = ext.get("token") or []
    token = [token] if isinstance(token, str) else list(token)
    if any(t not in ("query", "header") for t in token):
        raise SpecError(f"{where}.token: each place is query or header, got {token}")
    if ext.get("query") not in (None, "common"):
        raise SpecError(f"{where}.query: only 'common' (the common query parameters) is supported")
    if not ext.get("url"):
        raise SpecError(f"{where}.url is required")
    return Websocket(url=str(ext["url"]), heartbeat_send=str(heartbeat.get("send", "")),
                     heartbeat_receive=str(heartbeat.get("receive", "")),
                     heartbeat_interval_seconds=int(heartbeat.get("interval-seconds", 0)), token_in=token,
                     common_query=ext.get("query") == "common", envelope=envelope,
                     description=one_line(ext.get("description")))


def load_signing(ext: dict | None, source: str) -> Signing | None:
    if ext is None:
        return None
    where = f"{source}: x-chatbind-signing"
    missing = {"nonce-header", "timestamp-header", "sign-header", "timestamp-unit", "algorithm", "max-age-seconds"} - set(ext)
    if missing:
        raise SpecError(f"{where}: missing {sorted(missing)}")
    if ext["timestamp-unit"] != "ms":
        raise SpecError(f"{where}.timestamp-unit: only ms is supported")
    return Signing(nonce_header=str(ext["nonce-header"]), timestamp_header=str(ext["timestamp-header"]),
                   sign_header=str(ext["sign-header"]), timestamp_unit="ms", algorithm=one_line(ext["algorithm"]),
                   max_age_seconds=int(ext["max-age-seconds"]), extra_headers=dict(ext.get("id-headers") or {}))


def closure(roots: list[str], types: dict) -> set[str]:
    """The struct and union names `roots` need, themselves included."""
    seen: set[str] = set()
    todo = [r for r in roots if r in types]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        todo += [d for d in types[name].deps() if d in types]
    return seen


def endpoint_roots(ep: Endpoint) -> list[str]:
    refs = [ep.request, ep.response] + ([ep.query] if ep.query else [])
    return [n for r in refs for n in r.struct_deps()]


def flatten_requests(types: dict, endpoints: list[Endpoint], source: str) -> None:
    """A composed struct that travels in a request gets its bases' members (first) instead of base
    classes: C++ designated initializers cannot name a base's members."""
    requests = closure([n for ep in endpoints for r in [ep.request] + ([ep.query] if ep.query else [])
                        for n in r.struct_deps()], types)

    def members(name: str, stack: tuple = ()) -> list[Field]:
        if name in stack:
            raise SpecError(f"{source}: allOf composes {name} with itself: {' -> '.join(stack + (name,))}")
        s = types[name]
        inherited = [f for b in s.bases for f in members(b, stack + (name,))]
        return inherited + s.fields

    for name in sorted(requests):
        s = types[name]
        if isinstance(s, Struct) and s.bases:
            s.fields = members(name)
            s.bases = []
    for s in types.values():
        if isinstance(s, Struct):
            every = members(s.name) if s.bases else s.fields
            wires = [f.wire_name for f in every]
            repeated = sorted({w for w in wires if wires.count(w) > 1})
            if repeated:
                raise SpecError(f"{source}: {s.name} and its bases both declare {repeated}")
            names = [f.cpp_name for f in every]
            clashes = sorted({n for n in names if names.count(n) > 1})
            if clashes:
                raise SpecError(f"{source}: {s.name}: different wire names make the same member name {clashes}")
            s.wire_names = [(f.cpp_name, f.wire_name) for f in every if f.renamed]
            taken = [a for f in every for a in f.aliases if a in wires]
            if taken:
                raise SpecError(f"{source}: {s.name}: x-chatbind-aliases names keys that are members {sorted(taken)}")
            s.wire_aliases = [(f.cpp_name, a) for f in every for a in f.aliases]


def tag_policy(tag: dict, source: str) -> str:
    """x-chatbind-policy: <Name> on a tag: its operations use the hand-written policy <Name>Platform."""
    name = tag.get("x-chatbind-policy")
    if name is None:
        return "Platform"
    if not isinstance(name, str) or not re.fullmatch(r"[A-Z][A-Za-z0-9]*", name) or name == "Platform":
        raise SpecError(f"{source}: tag {tag.get('name')!r}: x-chatbind-policy must be a PascalCase name other than"
                        f" Platform (the policy is <name>Platform), got {name!r}")
    return name + "Platform"


def place_types(module: Module, doc: dict, types: dict, source: str) -> None:
    """Puts each struct and union into the one header that needs it: the header of the only group
    (tag) that uses it, generated/events.hpp when only events use it, else generated/types.hpp."""
    tags = {t["name"]: one_line(t.get("description")) for t in doc.get("tags") or []}
    policies = {t["name"]: tag_policy(t, source) for t in doc.get("tags") or []}
    groups: dict[str, Group] = {}
    for ep in module.endpoints + module.webhooks:
        kind = "operation" if isinstance(ep, Endpoint) else "webhook"
        if ep.group not in tags:
            raise SpecError(f"{source}: {kind} {ep.name} names tag {ep.group!r}, which the document's tags do not declare")
        if ep.group not in groups:
            name = snake_case(ep.group)
            if name in RESERVED_HEADERS:
                raise SpecError(f"{source}: tag {ep.group!r} would clash with the generated {name}.hpp")
            cpp = pascal_case(ep.group)
            own = policies[ep.group].removesuffix("Platform")
            if own.lower() == cpp.lower():  # the policy's spelling names the classes too: OAuth -> OAuthClient
                cpp = own
            groups[ep.group] = Group(name, cpp, tags[ep.group], policy=policies[ep.group])
            classes = {groups[ep.group].cpp + "Api", groups[ep.group].cpp + "Client"} & set(types)
            if classes:
                raise SpecError(f"{source}: {sorted(classes)} would clash with the client classes of group {ep.group!r}")
        (groups[ep.group].endpoints if kind == "operation" else groups[ep.group].webhooks).append(ep)
    users: dict[str, set[str]] = {name: set() for name in types}
    for tag, g in groups.items():
        roots = [n for ep in g.endpoints for n in endpoint_roots(ep)] + [n for w in g.webhooks for n in w.payload.struct_deps()]
        for name in closure(roots, types):
            users[name].add(tag)
    event_roots = [s.name for s in module.events] + ([module.websocket.envelope] if module.websocket else [])
    for name in closure(event_roots, types):
        users[name].add(EVENTS)
    for t in module.structs + module.unions:  # x-chatbind-group: a type no endpoint refers to
        group = t.group
        if not group:
            continue
        if group not in groups:
            raise SpecError(f"{source}: {t.name}'s x-chatbind-group names {group!r}, which is no tag of an operation")
        for name in closure([t.name], types):
            users[name].add(group)
    # A type nothing refers to goes to types.hpp, and so must every type it needs (even one that a
    # single group uses too): types.hpp cannot see a group header.
    for name in closure([n for n, u in users.items() if not u], types):
        users[name].add(SHARED)
    ordered = module.structs + module.unions
    for tag, g in groups.items():
        g.types = order_types([t for t in ordered if users[t.name] == {tag}], types)
    module.event_types = order_types([t for t in ordered if users[t.name] == {EVENTS}], types)
    module.shared_types = order_types([t for t in ordered if len(users[t.name]) != 1 or SHARED in users[t.name]],
                                      types)
    module.groups = [groups[tag] for tag in tags if tag in groups]  # in the document's order


def order_types(items: list, types: dict) -> list:
    """Dependencies first (a struct must be complete where it is a member or a base), otherwise by
    name; only the dependencies among `items` count (the others come from included headers)."""
    wanted = {t.name for t in items}
    done: dict[str, bool] = {}
    out: list = []

    def visit(name: str, stack: tuple[str, ...]) -> None:
        if done.get(name):
            return
        if name in stack:
            raise SpecError(f"recursive types other than a struct containing a vector of itself: {' -> '.join(stack + (name,))}")
        for dep in types[name].deps():
            if dep != name and dep in wanted:
                visit(dep, stack + (name,))
        done[name] = True
        out.append(types[name])

    for name in sorted(wanted):
        visit(name, ())
    return out
