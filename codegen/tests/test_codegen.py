"""Unit tests of the generator (run from ctest: python3 -m unittest discover codegen/tests)."""
import copy
import sys
import tempfile
import unittest
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "codegen"))

from chatbind_codegen import loader, render  # noqa: E402
from chatbind_codegen.model import TypeRef  # noqa: E402

MINI = HERE / "data" / "mini.yaml"


def load_doc(doc: dict):
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", dir=HERE / "data", delete=False) as f:
        yaml.safe_dump(doc, f, allow_unicode=True)
        path = Path(f.name)
    try:
        return loader.load(path, REPO)
    finally:
        path.unlink()


class NamingTest(unittest.TestCase):
    def test_cases(self):
        self.assertEqual(loader.pascal_case("room_role"), "RoomRole")
        self.assertEqual(loader.pascal_case("sendChannelMessage"), "SendChannelMessage")
        self.assertEqual(loader.snake_case("sendChannelMessage"), "send_channel_message")
        self.assertEqual(loader.snake_case("getHTTPStatus"), "get_http_status")

    def test_keywords_get_an_underscore(self):
        self.assertEqual(loader.cpp_member_name("delete", "x"), "delete_")
        self.assertEqual(loader.cpp_member_name("room_id", "x"), "room_id")
        with self.assertRaises(loader.SpecError):
            loader.cpp_member_name("ends_", "x")
        with self.assertRaises(loader.SpecError):
            loader.cpp_member_name("has-dash", "x")


class LoadTest(unittest.TestCase):
    def setUp(self):
        self.m = loader.load(MINI, REPO)
        self.structs = {s.name: s for s in self.m.structs}

    def test_module(self):
        self.assertEqual(self.m.namespace, "mini")
        self.assertEqual(self.m.default_base_url, "http://localhost:8080")
        self.assertEqual(self.m.source, "codegen/tests/data/mini.yaml")

    def test_field_presence_and_types(self):
        node = {f.wire_name: f for f in self.structs["Node"].fields}
        self.assertEqual(node["id"].type, TypeRef("id"))
        self.assertEqual(node["id"].presence, "plain")
        self.assertEqual(node["label"].presence, "nullable")
        self.assertEqual(node["kind"].presence, "optional")
        self.assertEqual(node["delete"].cpp_name, "delete_")
        self.assertEqual(node["delete"].type, TypeRef("int_bool"))
        self.assertEqual(node["children"].type, TypeRef("vector", item=TypeRef("struct", "Node")))
        self.assertEqual(node["by_name"].type, TypeRef("map", item=TypeRef("struct", "Leaf")))
        self.assertEqual(node["extra"].type, TypeRef("struct", "NodeExtra"), "inline objects get a derived name")

    def test_dependencies_come_first(self):
        names = [s.name for s in self.m.structs]
        self.assertLess(names.index("Leaf"), names.index("Node"))
        self.assertLess(names.index("NodeExtra"), names.index("Node"))

    def test_endpoints(self):
        get, put = self.m.endpoints
        self.assertEqual((get.name, get.method_name, get.http_method, get.body), ("GetNode", "get_node", "get", "none"))
        self.assertEqual(get.request, TypeRef("struct", "GetNodeRequest"))
        self.assertEqual(get.response, TypeRef("struct", "Node"))
        request = self.structs["GetNodeRequest"]
        self.assertEqual([f.wire_name for f in request.fields], ["node_id", "depth"], "common parameters are excluded")
        self.assertEqual(put.body, "json")
        self.assertEqual(put.response, TypeRef("empty"))

    def test_common_query(self):
        self.assertEqual([f.wire_name for f in self.m.common_query.fields], ["app"])
        self.assertEqual(self.m.common_query_defaults, {"app": 'mini"app'})

    def test_enum(self):
        (kind,) = self.m.enums
        self.assertEqual([(v.name, v.value) for v in kind.values], [("small", 1), ("large", 2)])


class ErrorTest(unittest.TestCase):
    def setUp(self):
        self.doc = yaml.safe_load(MINI.read_text())

    def test_unresolved_ref(self):
        doc = copy.deepcopy(self.doc)
        doc["components"]["schemas"]["Node"]["properties"]["leaf"] = {"$ref": "#/components/schemas/Nope"}
        with self.assertRaisesRegex(loader.SpecError, "unresolved"):
            load_doc(doc)

    def test_required_names_a_missing_property(self):
        doc = copy.deepcopy(self.doc)
        doc["components"]["schemas"]["Leaf"]["required"].append("ghost")
        with self.assertRaisesRegex(loader.SpecError, "ghost"):
            load_doc(doc)

    def test_enum_without_names(self):
        doc = copy.deepcopy(self.doc)
        del doc["components"]["schemas"]["Kind"]["x-enum-varnames"]
        with self.assertRaisesRegex(loader.SpecError, "x-enum-varnames"):
            load_doc(doc)

    def test_operation_needs_an_id(self):
        doc = copy.deepcopy(self.doc)
        del doc["paths"]["/node/put"]["post"]["operationId"]
        with self.assertRaisesRegex(loader.SpecError, "operationId"):
            load_doc(doc)


class RenderTest(unittest.TestCase):
    def test_deterministic(self):
        a = render.render(loader.load(MINI, REPO))
        b = render.render(loader.load(MINI, REPO))
        self.assertEqual(a, b)

    def test_member_types(self):
        text = render.render(loader.load(MINI, REPO))["types.hpp"]
        self.assertIn("chatbind::Nullable<std::string> label{};", text)
        self.assertIn("std::optional<Kind> kind{};", text)
        self.assertIn("std::vector<Node> children{};", text)
        self.assertIn("chatbind::IntBool delete_{};", text)
        self.assertIn('std::string app = "mini\\"app";', text)
        self.assertIn("BOOST_DESCRIBE_STRUCT(Node, (), (id, children, label, delete_, kind, leaf, extra, by_name))", text)

    def test_large_struct_is_described_member_by_member(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Wide"] = {
            "type": "object", "properties": {f"f{i}": {"type": "integer"} for i in range(60)}}
        text = render.render(load_doc(doc))["types.hpp"]
        self.assertIn("CHATBIND_DESCRIBE_LARGE_STRUCT_BEGIN(Wide)", text)
        self.assertEqual(text.count("CHATBIND_DESCRIBE_MEMBER(Wide, "), 60)
        self.assertNotIn("BOOST_DESCRIBE_STRUCT(Wide", text)

    def test_large_enum_is_described_entry_by_entry(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Many"] = {
            "type": "integer", "enum": list(range(60)), "x-enum-varnames": [f"v{i}" for i in range(60)]}
        text = render.render(load_doc(doc))["types.hpp"]
        self.assertIn("BOOST_DESCRIBE_ENUM_BEGIN(Many)", text)
        self.assertEqual(text.count("BOOST_DESCRIBE_ENUM_ENTRY(Many, "), 60)

    def test_descriptors_and_client(self):
        files = render.render(loader.load(MINI, REPO))
        self.assertIn('static constexpr std::string_view path = "/node/get";', files["endpoints.hpp"])
        self.assertIn("using all_endpoints = boost::mp11::mp_list<GetNode, PutNode>;", files["endpoints.hpp"])
        self.assertIn("Result<Node> get_node(const GetNodeRequest& request)", files["client.hpp"])
        self.assertIn("Result<chatbind::Empty> put_node(const Node& request)", files["client.hpp"])


MINI_PROTO = HERE / "data" / "mini_proto.yaml"


class ProtoTest(unittest.TestCase):
    def setUp(self):
        self.m = loader.load(MINI_PROTO, REPO)
        self.structs = {s.name: s for s in self.m.structs}

    def test_messages_and_nested_names(self):
        self.assertEqual(set(self.structs), {"Status", "Envelope", "EnvelopeItem"})
        self.assertTrue(all(s.proto for s in self.m.structs))
        self.assertEqual(self.structs["Status"].description, "A request status.")

    def test_fields_in_number_order_with_wire_kinds(self):
        env = self.structs["Envelope"]
        self.assertEqual([(f.cpp_name, f.proto.number, f.proto.kind) for f in env.fields],
                         [("status", 1, "message"), ("blob", 2, "bytes"), ("items", 3, "message"),
                          ("unpacked", 4, "int32"), ("flag", 5, "bool_"), ("kind", 6, "enum_")])
        status, blob, items, unpacked, flag, kind = env.fields
        self.assertEqual(status.presence, "optional", "a singular message field is optional")
        self.assertEqual(items.type, TypeRef("vector", item=TypeRef("struct", "EnvelopeItem")))
        self.assertFalse(items.proto.packed)
        self.assertFalse(unpacked.proto.packed, "[packed = false] is honoured")
        self.assertEqual(flag.presence, "optional", "proto3 optional has explicit presence")
        self.assertEqual(kind.type, TypeRef("enum", "Kind"))
        item = self.structs["EnvelopeItem"]
        self.assertEqual([(f.proto.kind, f.proto.packed) for f in item.fields], [("fixed64", True), ("sint32", False)])
        self.assertEqual(item.fields[1].type, TypeRef("int32"))

    def test_enum_is_32_bit_and_open(self):
        (kind,) = self.m.enums
        self.assertEqual(kind.underlying, "std::int32_t")
        self.assertEqual([(v.name, v.value, v.description) for v in kind.values],
                         [("unspecified", 0, ""), ("user", 1, "a person")])

    def test_endpoint(self):
        (echo,) = self.m.endpoints
        self.assertEqual((echo.name, echo.body), ("Echo", "protobuf"))
        self.assertEqual(echo.request, TypeRef("struct", "Envelope"))
        self.assertEqual(echo.response, TypeRef("struct", "Status"))

    def test_unknown_message_is_an_error(self):
        doc = yaml.safe_load(MINI_PROTO.read_text())
        doc["paths"]["/v1/echo"]["post"]["x-chatbind-protobuf"]["response"] = "chatbind.mini.Nope"
        with self.assertRaisesRegex(loader.SpecError, "names no message"):
            load_doc(doc)

    def test_rendered_field_table(self):
        text = render.render(self.m)["types.hpp"]
        self.assertIn("enum class Kind : std::int32_t {", text)
        self.assertIn("std::optional<Status> status{};", text)
        self.assertIn("std::optional<bool> flag{};", text)
        self.assertIn("struct Message<chatbind::miniproto::Envelope> {", text)
        self.assertIn('field<&T::blob>(2, Kind::bytes, false, "blob")', text)
        self.assertIn('field<&T::stamps>(1, Kind::fixed64, true, "stamps")', text)
        self.assertIn('#include "chatbind/core/protobuf.hpp"', text)
        self.assertNotIn("protobuf", render.render(loader.load(MINI, REPO))["types.hpp"], "JSON-only platforms do not pull it in")


if __name__ == "__main__":
    unittest.main()
