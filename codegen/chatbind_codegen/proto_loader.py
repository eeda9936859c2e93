"""Loads .proto files into the model through protoc's descriptor set (no hand parsing of .proto text).

protoc --descriptor_set_out --include_source_info gives a FileDescriptorSet; Python's protobuf
package (Debian python3-protobuf) reads it; comments come from its source_code_info.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from google.protobuf import descriptor_pb2

from .model import Enum, EnumValue, Field, ProtoField, Struct, TypeRef

FDP = descriptor_pb2.FieldDescriptorProto

# proto type -> (C++ value kind, wire kind name used by chatbind::protobuf::Kind)
SCALAR_KINDS = {
    FDP.TYPE_DOUBLE: ("double", "double_"), FDP.TYPE_FLOAT: ("float", "float_"),
    FDP.TYPE_INT64: ("int64", "int64"), FDP.TYPE_UINT64: ("uint64", "uint64"),
    FDP.TYPE_INT32: ("int32", "int32"), FDP.TYPE_FIXED64: ("uint64", "fixed64"),
    FDP.TYPE_FIXED32: ("uint32", "fixed32"), FDP.TYPE_BOOL: ("bool", "bool_"),
    FDP.TYPE_STRING: ("string", "string"), FDP.TYPE_BYTES: ("string", "bytes"),
    FDP.TYPE_UINT32: ("uint32", "uint32"), FDP.TYPE_SFIXED32: ("int32", "sfixed32"),
    FDP.TYPE_SFIXED64: ("int64", "sfixed64"), FDP.TYPE_SINT32: ("int32", "sint32"),
    FDP.TYPE_SINT64: ("int64", "sint64"),
}
PACKABLE = {k for k, (_, wire) in SCALAR_KINDS.items() if wire not in ("string", "bytes")} | {FDP.TYPE_ENUM}


class ProtoError(Exception):
    pass


def compile_descriptor_set(proto_root: Path, files: list[Path]) -> descriptor_pb2.FileDescriptorSet:
    protoc = shutil.which("protoc")
    if not protoc:
        raise ProtoError("protoc not found (Debian package protobuf-compiler)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "set.pb"
        rel = [f.resolve().relative_to(proto_root.resolve()).as_posix() for f in files]
        proc = subprocess.run([protoc, f"-I{proto_root}", f"--descriptor_set_out={out}", "--include_source_info", *rel],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise ProtoError(proc.stderr.strip())
        fds = descriptor_pb2.FileDescriptorSet()
        fds.ParseFromString(out.read_bytes())
        return fds


def enum_value_name(enum: str, value: str, where: str) -> str:
    """CHAT_TYPE_USER of enum ChatType -> `user`: the style guide's prefix goes, C++ scopes the value."""
    from .loader import cpp_member_name, snake_case  # shared naming rules
    prefix = snake_case(enum).upper() + "_"
    name = value[len(prefix):] if value.startswith(prefix) and len(value) > len(prefix) else value
    name = name.lower()
    if name[:1].isdigit():
        name = "v" + name
    return cpp_member_name(name, where)


def clean_comment(text: str) -> str:
    return " ".join(text.split())


class ProtoModel:
    """Structs and enums of a set of .proto files, with a map from full proto name to C++ name."""

    def __init__(self, fds: descriptor_pb2.FileDescriptorSet):
        self.structs: dict[str, Struct] = {}
        self.enums: dict[str, Enum] = {}
        self.cpp_names: dict[str, str] = {}   # ".pkg.Outer.Inner" -> "OuterInner"
        self.kinds: dict[str, str] = {}       # full name -> "message" | "enum"
        for f in fds.file:
            comments = {tuple(loc.path): clean_comment(loc.leading_comments or loc.trailing_comments)
                        for loc in f.source_code_info.location}
            prefix = "." + f.package if f.package else ""
            for i, e in enumerate(f.enum_type):
                self._name_enum(e, prefix, "", (5, i), comments, f.name)
            for i, m in enumerate(f.message_type):
                self._name_message(m, prefix, "", (4, i), comments, f.name)
        for f in fds.file:
            prefix = "." + f.package if f.package else ""
            for i, m in enumerate(f.message_type):
                self._load_message(m, prefix, (4, i), {tuple(loc.path): clean_comment(loc.leading_comments or loc.trailing_comments)
                                                       for loc in f.source_code_info.location}, f.name)

    def _register(self, full: str, cpp: str, kind: str, where: str) -> None:
        if cpp in self.cpp_names.values():
            raise ProtoError(f"{where}: C++ name {cpp} of {full} is already taken")
        self.cpp_names[full] = cpp
        self.kinds[full] = kind

    def _name_enum(self, e, prefix, outer_cpp, path, comments, file):
        full = f"{prefix}.{e.name}"
        cpp = outer_cpp + e.name
        self._register(full, cpp, "enum", file)
        values = [EnumValue(enum_value_name(e.name, v.name, f"{file}: {full[1:]}"), v.number, comments.get(path + (2, j), ""))
                  for j, v in enumerate(e.value)]
        self.enums[cpp] = Enum(cpp, comments.get(path, ""), values, underlying="std::int32_t")

    def _name_message(self, m, prefix, outer_cpp, path, comments, file):
        full = f"{prefix}.{m.name}"
        cpp = outer_cpp + m.name
        self._register(full, cpp, "message", file)
        for k, e in enumerate(m.enum_type):
            self._name_enum(e, full, cpp, path + (4, k), comments, file)
        for k, n in enumerate(m.nested_type):
            if n.options.map_entry:
                raise ProtoError(f"{file}: map fields are not supported ({full}.{n.name})")
            self._name_message(n, full, cpp, path + (3, k), comments, file)

    def _load_message(self, m, prefix, path, comments, file):
        from .loader import cpp_member_name  # shared naming rule
        full = f"{prefix}.{m.name}"
        cpp = self.cpp_names[full]
        struct = Struct(cpp, comments.get(path, ""), source=f"{file}: {full[1:]}", proto=True)
        fields = sorted(enumerate(m.field), key=lambda jf: jf[1].number)
        for j, fd in fields:
            where = f"{file}: {full[1:]}.{fd.name}"
            if fd.type == FDP.TYPE_GROUP:
                raise ProtoError(f"{where}: groups are not supported")
            if fd.HasField("oneof_index") and not fd.proto3_optional:
                raise ProtoError(f"{where}: oneof is not supported")
            repeated = fd.label == FDP.LABEL_REPEATED
            if fd.type == FDP.TYPE_MESSAGE:
                t, wire = TypeRef("struct", self.cpp_names[fd.type_name]), "message"
            elif fd.type == FDP.TYPE_ENUM:
                t, wire = TypeRef("enum", self.cpp_names[fd.type_name]), "enum_"
            else:
                kind, wire = SCALAR_KINDS[fd.type]
                t = TypeRef(kind)
            packed = repeated and fd.type in PACKABLE and not (fd.options.HasField("packed") and not fd.options.packed)
            if repeated:
                t = TypeRef("vector", item=t)
            optional = (fd.type == FDP.TYPE_MESSAGE and not repeated) or fd.proto3_optional
            struct.fields.append(Field(fd.name, cpp_member_name(fd.name, where), t, required=not optional,
                                       nullable=False, description=comments.get(path + (2, j), ""),
                                       proto=ProtoField(fd.number, wire, packed)))
        self.structs[cpp] = struct
        for k, n in enumerate(m.nested_type):
            self._load_message(n, full, path + (3, k), comments, file)


def load_protos(proto_root: Path, files: list[Path]) -> ProtoModel:
    return ProtoModel(compile_descriptor_set(proto_root, files))
