"""The intermediate model: plain dataclasses, independent of OpenAPI and of C++ text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class TypeRef:
    """A C++ value type. `kind` is one of: string, int32, int64, uint32, uint64, double, bool,
    int_bool, id, json, file, empty, struct, enum, vector, map."""
    kind: str
    name: str = ""                      # struct/enum name
    item: Optional["TypeRef"] = None    # vector/map element

    def struct_deps(self) -> list[str]:
        """Names of the structs and enums this type needs to be complete."""
        if self.kind in ("struct", "enum"):
            return [self.name]
        if self.item is not None:
            return self.item.struct_deps()
        return []


@dataclass(frozen=True)
class ProtoField:
    """Where a member travels in the protobuf encoding."""
    number: int
    kind: str             # chatbind::protobuf::Kind enumerator: int32, sint64, string, message, enum_, ...
    packed: bool = False  # repeated scalars: one length-delimited record


@dataclass
class Field:
    wire_name: str        # the JSON key
    cpp_name: str         # the member name (wire name, or wire name + '_' for C++ keywords)
    type: TypeRef
    required: bool        # key always present
    nullable: bool        # value may be null
    description: str = ""
    proto: Optional[ProtoField] = None
    keep_null: bool = False  # x-chatbind-keep-null: an optional nullable whose null survives re-encoding

    @property
    def presence(self) -> str:
        """plain: T; nullable: Nullable<T> (key present, may be null); optional: std::optional<T>."""
        if not self.required:
            return "optional"
        return "nullable" if self.nullable else "plain"


@dataclass
class Struct:
    name: str
    description: str = ""
    fields: list[Field] = field(default_factory=list)
    source: str = ""      # where it came from, e.g. "#/components/schemas/Room"
    proto: bool = False   # a protobuf message (encoded by the protobuf codec, not JSON)
    event_type: str = ""  # x-chatbind-event: the websocket event type whose payload this is


@dataclass
class EnumValue:
    name: str
    value: int
    description: str = ""


@dataclass
class Enum:
    name: str
    description: str = ""
    values: list[EnumValue] = field(default_factory=list)
    underlying: str = "std::int64_t"   # protobuf enums are 32-bit


@dataclass
class Endpoint:
    name: str             # descriptor type, PascalCase
    method_name: str      # client method, snake_case
    http_method: str      # get, post, ...
    path: str
    body: str             # none | json | multipart | protobuf
    request: TypeRef
    response: TypeRef
    summary: str = ""
    description: str = ""
    base_url: str = ""    # set when the endpoint lives on another host than the platform's default
    request_example: str = ""   # the spec's JSON request body example, compact
    response_example: str = ""  # the spec's 200 example: compact JSON, or protobuf text format
    query: Optional[TypeRef] = None  # query parameters beside a body: request is {query, body}


@dataclass
class Module:
    """Everything generated for one platform."""
    namespace: str
    source: str                       # spec path relative to the repo, for the banner
    title: str = ""
    default_base_url: str = ""
    result_key: str = "result"
    structs: list[Struct] = field(default_factory=list)
    enums: list[Enum] = field(default_factory=list)
    endpoints: list[Endpoint] = field(default_factory=list)
    common_query: Optional[Struct] = None
    common_query_defaults: dict[str, str] = field(default_factory=dict)
