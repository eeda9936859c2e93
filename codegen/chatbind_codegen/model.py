"""The intermediate model: plain dataclasses, independent of OpenAPI and of C++ text."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True)
class TypeRef:
    """A C++ value type. `kind` is one of: string, int32, int64, uint32, uint64, double, bool,
    int_bool, id, json, file, empty, struct, enum, union, vector, map."""
    kind: str
    name: str = ""                      # struct/enum name
    item: Optional["TypeRef"] = None    # vector/map element

    def struct_deps(self) -> list[str]:
        """Names of the structs and enums this type needs to be complete."""
        if self.kind in ("struct", "enum", "union"):
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
    default: str = ""        # a required enum member's `default:`, as the C++ initializer (e.g. "Theme::plain")
    secret: bool = False     # `format: password`: a credential, redacted when a form body is printed
    aliases: list[str] = field(default_factory=list)  # x-chatbind-aliases: other keys a decoder takes for it

    @property
    def renamed(self) -> bool:
        """The wire name is not the member name less a keyword's trailing '_' (`chat-id`)."""
        return self.cpp_name.removesuffix("_") != self.wire_name

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
    # allOf composition: the base structs, in order; `fields` are then the struct's own members. A
    # struct that travels in a request is flattened instead (bases' members first), so that designated
    # initializers can name every member.
    bases: list[str] = field(default_factory=list)
    group: str = ""       # x-chatbind-group: the tag whose header holds it, when no endpoint refers to it
    # (member, wire name) of every member, bases' included, whose wire name is not its C++ name
    wire_names: list[tuple[str, str]] = field(default_factory=list)
    # (member, other key) for every x-chatbind-aliases key a decoder also reads into the member
    wire_aliases: list[tuple[str, str]] = field(default_factory=list)

    def deps(self) -> list[str]:
        out = list(self.bases)
        for f in self.fields:
            out += f.type.struct_deps()
        return out


@dataclass
class EnumValue:
    name: str
    value: int            # integer enums: the wire value; string enums: the index
    description: str = ""
    wire: str = ""        # string enums: the wire text


@dataclass
class Enum:
    name: str
    description: str = ""
    values: list[EnumValue] = field(default_factory=list)
    underlying: str = "std::int64_t"   # protobuf enums are 32-bit
    string: bool = False               # a string enum: the wire values are texts (EnumValue.wire)

    def deps(self) -> list[str]:
        return []


@dataclass
class Alternative:
    tag: str              # the discriminator's value
    struct: str           # the alternative's struct


@dataclass
class Union:
    """oneOf + discriminator: a std::variant of the alternatives and chatbind::UnknownAlternative."""
    name: str
    discriminator: str    # the property whose value picks the alternative
    alternatives: list[Alternative] = field(default_factory=list)
    description: str = ""
    source: str = ""
    group: str = ""       # x-chatbind-group, as for a Struct

    def deps(self) -> list[str]:
        return [a.struct for a in self.alternatives]


@dataclass
class Endpoint:
    name: str             # descriptor type, PascalCase
    method_name: str      # client method, snake_case
    http_method: str      # get, post, ...
    path: str
    body: str             # none | json | multipart | protobuf | text | form
    request: TypeRef
    response: TypeRef
    summary: str = ""
    description: str = ""
    base_url: str = ""    # set when the endpoint lives on another host than the platform's default
    request_example: str = ""   # the spec's JSON request body example, compact
    response_example: str = ""  # the spec's 200 example: compact JSON, or protobuf text format
    query: Optional[TypeRef] = None  # query parameters beside a body: request is {query, body}
    group: str = ""       # the operation's tag: the generated header it lives in
    fill: dict[str, str] = field(default_factory=dict)  # x-chatbind-fill: request member -> how chatbind fills it when empty
    anonymous: bool = False  # `security: []`: the call carries no credential
    secret_fields: list[str] = field(default_factory=list)  # a form body's `format: password` fields (wire names)


@dataclass
class Webhook:
    """A `webhooks:` entry: a request the platform sends to the app (Wildfire's event callbacks)."""
    name: str             # the webhooks key, e.g. "message"
    cpp: str              # the descriptor struct, e.g. MessageWebhook
    payload: TypeRef      # the request body
    summary: str = ""
    description: str = ""
    group: str = ""       # its tag
    example: str = ""     # the spec's JSON example of the body, compact


@dataclass
class Group:
    """One OpenAPI tag: a self-contained generated header of its own types, descriptors and client."""
    name: str             # the tag, e.g. "roles" -> generated/roles.hpp
    cpp: str              # PascalCase, e.g. "Roles" -> RolesApi, RolesClient
    description: str = ""
    # x-chatbind-policy on the tag: the hand-written policy its calls authenticate with, e.g. "Robot" ->
    # RobotPlatform (credentials RobotCredentials). The group's client is then its own: the platform's
    # Client composes only the groups of the default policy, Platform.
    policy: str = "Platform"
    endpoints: list[Endpoint] = field(default_factory=list)
    types: list = field(default_factory=list)  # Struct | Union, dependencies first
    webhooks: list[Webhook] = field(default_factory=list)


@dataclass
class Websocket:
    """x-chatbind-websocket: where server-push events come from."""
    url: str
    heartbeat_send: str = ""
    heartbeat_receive: str = ""
    heartbeat_interval_seconds: int = 0
    token_in: list[str] = field(default_factory=list)   # "query" and/or "header"
    common_query: bool = False
    envelope: str = ""    # the envelope struct
    description: str = ""


@dataclass
class Signing:
    """x-chatbind-signing: the headers of a signed request."""
    nonce_header: str
    timestamp_header: str
    sign_header: str
    timestamp_unit: str
    algorithm: str
    max_age_seconds: int
    extra_headers: dict = field(default_factory=dict)  # credential kind -> its id header (robot: rid, ...)


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
    unions: list[Union] = field(default_factory=list)
    endpoints: list[Endpoint] = field(default_factory=list)
    webhooks: list[Webhook] = field(default_factory=list)
    common_query: Optional[Struct] = None
    common_query_defaults: dict[str, str] = field(default_factory=dict)
    groups: list[Group] = field(default_factory=list)
    shared_types: list = field(default_factory=list)   # Struct | Union used by several groups (generated/types.hpp)
    event_types: list = field(default_factory=list)    # Struct | Union only events use (generated/events.hpp)
    events: list[Struct] = field(default_factory=list)  # the x-chatbind-event payloads
    websocket: Optional[Websocket] = None
    signing: Optional[Signing] = None
