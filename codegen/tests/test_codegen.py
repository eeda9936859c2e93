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


class EventTest(unittest.TestCase):
    """x-chatbind-event (a websocket payload names its envelope type) and the presence of optional
    properties that may be null."""

    def setUp(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Pushed"] = {
            "type": "object", "x-chatbind-event": "card_click", "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "raw": {"x-chatbind-type": "json"},
                "tags": {"type": ["array", "null"], "items": {"type": "string"}},
                "kept": {"type": ["array", "null"], "items": {"type": "string"}, "x-chatbind-keep-null": True},
            }}
        self.m = load_doc(doc)
        self.text = render.render(self.m)["types.hpp"]

    def test_event_type_is_loaded_and_rendered(self):
        pushed = {s.name: s for s in self.m.structs}["Pushed"]
        self.assertEqual(pushed.event_type, "card_click")
        self.assertIn('static constexpr std::string_view event_type = "card_click";', self.text)
        self.assertIn("#include <string_view>", self.text)
        plain = render.render(loader.load(MINI, REPO))["types.hpp"]
        self.assertNotIn("event_type", plain)
        self.assertNotIn("#include <string_view>", plain, "only headers with events include it")

    def test_optional_json_keeps_absent_and_null_apart(self):
        self.assertIn("std::optional<chatbind::Json> raw{};", self.text)
        self.assertIn("std::optional<chatbind::Json> result{};", self.text, "the envelope's result too")

    def test_keep_null_makes_an_optional_nullable_tri_state(self):
        self.assertIn("std::optional<std::vector<std::string>> tags{};", self.text)
        self.assertIn("std::optional<chatbind::Nullable<std::vector<std::string>>> kept{};", self.text)


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


class ResponseExampleTest(unittest.TestCase):
    """The spec's 200 example travels into examples.hpp for tests and the fake platform."""

    def doc_with_example(self):
        doc = yaml.safe_load(MINI.read_text())
        media = doc["paths"]["/node/get"]["get"]["responses"]["200"]["content"]["application/json"]
        media["example"] = {"status": "ok", "result": {"id": "7", "label": "名\"字", "children": []}}
        return doc

    def test_json_example_is_compact_in_spec_order(self):
        with tempfile.NamedTemporaryFile("w", suffix=".yaml", dir=HERE / "data", delete=False) as f:
            yaml.safe_dump(self.doc_with_example(), f, allow_unicode=True, sort_keys=False)
            path = Path(f.name)
        try:
            get, put = loader.load(path, REPO).endpoints
        finally:
            path.unlink()
        self.assertEqual(get.response_example, '{"status":"ok","result":{"id":"7","label":"名\\"字","children":[]}}')
        self.assertEqual(put.response_example, "", "no example: empty")

    def test_named_examples_use_the_first(self):
        doc = yaml.safe_load(MINI.read_text())
        media = doc["paths"]["/node/put"]["post"]["responses"]["200"]["content"]["application/json"]
        media["examples"] = {"first": {"value": {"status": "ok"}}, "second": {"value": {"status": "failed"}}}
        self.assertEqual(load_doc(doc).endpoints[1].response_example, '{"status":"ok"}')

    def test_protobuf_example_is_the_text_format(self):
        doc = yaml.safe_load(MINI_PROTO.read_text())
        doc["paths"]["/v1/echo"]["post"]["x-chatbind-example-text"] = 'code: 1\nmsg: "ok"'
        (echo,) = load_doc(doc).endpoints
        self.assertEqual(echo.response_example, 'code: 1\nmsg: "ok"')
        text = render.render(load_doc(doc))["examples.hpp"]
        self.assertIn('response_example<Echo> =\n    "code: 1\\nmsg: \\"ok\\"";', text)

    def test_rendered_and_deterministic(self):
        doc = self.doc_with_example()
        first, second = render.render(load_doc(doc)), render.render(load_doc(copy.deepcopy(doc)))
        banner = "\n"  # the first line names the (temporary) spec file
        self.assertEqual(first["examples.hpp"].split(banner, 1)[1], second["examples.hpp"].split(banner, 1)[1])
        text = first["examples.hpp"]
        self.assertIn("inline constexpr std::string_view response_example{};", text)
        self.assertIn('response_example<GetNode> =\n    "{\\"result\\":{\\"children\\":[],', text)
        self.assertNotIn("response_example<PutNode>", text)

    def test_an_example_that_is_not_json_is_an_error(self):
        doc = self.doc_with_example()
        media = doc["paths"]["/node/get"]["get"]["responses"]["200"]["content"]["application/json"]
        media["example"] = {"when": float("nan")}
        with self.assertRaisesRegex(loader.SpecError, "example is not JSON"):
            load_doc(doc)

    def test_request_body_example(self):
        doc = yaml.safe_load(MINI.read_text())
        media = doc["paths"]["/node/put"]["post"]["requestBody"]["content"]["application/json"]
        media["example"] = {"id": 5, "children": []}
        get, put = load_doc(doc).endpoints
        self.assertEqual((get.request_example, put.request_example), ("", '{"children":[],"id":5}'))
        self.assertIn('request_example<PutNode> =\n    "{\\"children\\":[],\\"id\\":5}";',
                      render.render(load_doc(doc))["examples.hpp"])


class MultipartTest(unittest.TestCase):
    """A multipart/form-data request body: Body::multipart, and x-chatbind-type file members."""

    def doc_with_upload(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Upload"] = {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "format": "binary", "x-chatbind-type": "file",
                                    "description": "The file."},
                           "note": {"type": "string", "description": "A text field."}}}
        doc["paths"]["/upload"] = {"post": {
            "operationId": "uploadFile", "servers": [{"url": "https://upload.example"}],
            "requestBody": {"content": {"multipart/form-data": {"schema": {"$ref": "#/components/schemas/Upload"}}}},
            "responses": {"200": {"description": "ok", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Envelope"}}}}}}}
        return doc

    def test_loaded(self):
        m = load_doc(self.doc_with_upload())
        upload = next(e for e in m.endpoints if e.name == "UploadFile")
        self.assertEqual(upload.body, "multipart")
        self.assertEqual(upload.request, TypeRef("struct", "Upload"))
        self.assertEqual(upload.base_url, "https://upload.example")
        fields = {f.wire_name: f for f in next(s for s in m.structs if s.name == "Upload").fields}
        self.assertEqual(fields["file"].type, TypeRef("file"))

    def test_rendered(self):
        files = render.render(load_doc(self.doc_with_upload()))
        self.assertIn("static constexpr Body body = Body::multipart;", files["endpoints.hpp"])
        self.assertIn("chatbind::multipart::File file{};", files["types.hpp"])
        self.assertIn('#include "chatbind/core/multipart.hpp"', files["types.hpp"])
        plain = render.render(load_doc(yaml.safe_load(MINI.read_text())))
        self.assertNotIn("multipart.hpp", plain["types.hpp"], "included only when a struct has a file member")

    def test_a_multipart_body_must_ref_a_schema(self):
        doc = self.doc_with_upload()
        doc["paths"]["/upload"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"] = {"type": "object"}
        with self.assertRaisesRegex(loader.SpecError, "multipart request body must \\$ref"):
            load_doc(doc)


class QueryAndBodyTest(unittest.TestCase):
    """Own query parameters beside a JSON body: the request becomes {query, body}."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        put = doc["paths"]["/node/put"]["post"]
        put["parameters"] = [{"$ref": "#/components/parameters/app"},
                             {"name": "owner", "in": "query", "required": True, "schema": {"type": "string"}}]
        return doc

    def test_loaded(self):
        m = load_doc(self.doc())
        put = next(e for e in m.endpoints if e.name == "PutNode")
        self.assertEqual(put.body, "json")
        self.assertEqual(put.query, TypeRef("struct", "PutNodeQuery"))
        self.assertEqual(put.request, TypeRef("struct", "PutNodeRequest"))
        wrapper = {f.wire_name: f for f in next(s for s in m.structs if s.name == "PutNodeRequest").fields}
        self.assertEqual(wrapper["query"].type, TypeRef("struct", "PutNodeQuery"))
        self.assertEqual(wrapper["body"].type, TypeRef("struct", "Node"))
        query = [f.wire_name for f in next(s for s in m.structs if s.name == "PutNodeQuery").fields]
        self.assertEqual(query, ["owner"], "the common parameter stays with the platform")
        self.assertIsNone(next(e for e in m.endpoints if e.name == "GetNode").query)

    def test_rendered(self):
        text = render.render(load_doc(self.doc()))["endpoints.hpp"]
        self.assertIn("using request = PutNodeRequest;", text)
        self.assertIn("using query = PutNodeQuery;", text)

    def test_only_beside_a_json_body(self):
        doc = MultipartTest().doc_with_upload()
        doc["paths"]["/upload"]["post"]["parameters"] = [{"name": "x", "in": "query", "schema": {"type": "string"}}]
        with self.assertRaisesRegex(loader.SpecError, "only a JSON body can take own query parameters"):
            load_doc(doc)
