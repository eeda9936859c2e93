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


def all_text(files: dict[str, str]) -> str:
    """Every generated header of a module, for assertions that do not care which one holds a line."""
    return "\n".join(files.values())


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
        self.assertEqual(loader.cpp_member_name("chat-id", "x"), "chat_id")
        self.assertEqual(loader.cpp_member_name("new-class", "x"), "new_class")
        with self.assertRaises(loader.SpecError):
            loader.cpp_member_name("has space", "x")
        with self.assertRaises(loader.SpecError):
            loader.cpp_member_name("ends-", "x")

    def test_predefined_macros_get_an_underscore(self):
        # -std=gnu++20 predefines `linux` and `unix` as 1: `ClientPlatform::linux` would not compile.
        for name in ("linux", "unix", "i386"):
            self.assertEqual(loader.cpp_member_name(name, "x"), name + "_")
        self.assertEqual(loader.cpp_member_name("linux_pc", "x"), "linux_pc")

    def test_the_platform_policy_names_are_refused(self):
        for name in ("Platform", "Credentials", "Client"):
            doc = yaml.safe_load(MINI.read_text())
            doc["components"]["schemas"][name] = {"type": "integer", "enum": [0, 1], "x-enum-varnames": ["a", "b"]}
            with self.assertRaisesRegex(loader.SpecError, rf"\['{name}'\] would clash with the platform's own names"):
                load_doc(doc)
        doc = yaml.safe_load(MINI.read_text())
        op = next(iter(next(iter(doc["paths"].values())).values()))
        op["operationId"] = "platform"
        with self.assertRaisesRegex(loader.SpecError, "would clash with the platform's own names"):
            load_doc(doc)

    def test_a_group_client_class_name_is_refused(self):
        doc = yaml.safe_load(MINI.read_text())
        tag = doc["tags"][0]["name"]
        doc["components"]["schemas"][loader.pascal_case(tag) + "Client"] = {"type": "object", "properties": {"a": {"type": "string"}}}
        with self.assertRaisesRegex(loader.SpecError, "would clash with the client classes of group"):
            load_doc(doc)


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
        text = all_text(render.render(loader.load(MINI, REPO)))
        self.assertIn("chatbind::Nullable<std::string> label{};", text)
        self.assertIn("std::optional<Kind> kind{};", text)
        self.assertIn("std::vector<Node> children{};", text)
        self.assertIn("chatbind::IntBool delete_{};", text)
        self.assertIn('std::string app = "mini\\"app";', text)
        self.assertIn("BOOST_DESCRIBE_STRUCT(Node, (), (id, children, label, delete_, kind, leaf, extra, by_name))", text)

    def test_more_members_than_describe_takes_is_an_error(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Wide"] = {
            "type": "object", "properties": {f"f{i}": {"type": "integer"} for i in range(60)}}
        with self.assertRaisesRegex(loader.SpecError, "compose the schema from parts with allOf"):
            load_doc(doc)

    def test_a_large_enum_gets_a_name_table(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Many"] = {
            "type": "integer", "enum": list(range(60)), "x-enum-varnames": [f"v{i}" for i in range(60)]}
        text = render.render(load_doc(doc))["types.hpp"]
        self.assertIn("inline constexpr chatbind::Enumerator<Many> many_enumerators[] = {", text)
        self.assertEqual(text.count("{Many::v"), 60)
        self.assertIn("constexpr std::span<const chatbind::Enumerator<Many>> enumerators(Many) noexcept {", text)
        self.assertNotIn("BOOST_DESCRIBE_ENUM", text)

    def test_descriptors_and_client(self):
        files = render.render(loader.load(MINI, REPO))
        self.assertIn('static constexpr std::string_view path = "/node/get";', files["nodes.hpp"])
        self.assertIn("using nodes_endpoints = boost::mp11::mp_list<GetNode, PutNode>;", files["nodes.hpp"])
        self.assertIn("Result<Node> get_node(const GetNodeRequest& request)", files["nodes.hpp"])
        self.assertIn("Result<chatbind::Empty> put_node(const Node& request)", files["nodes.hpp"])
        self.assertIn("using all_endpoints = boost::mp11::mp_append<nodes_endpoints>;", files["all.hpp"])
        self.assertIn("public NodesApi<Client<T>>", files["all.hpp"])


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
        self.files = render.render(self.m)
        self.text = all_text(self.files)

    def test_event_type_is_loaded_and_rendered(self):
        pushed = {s.name: s for s in self.m.structs}["Pushed"]
        self.assertEqual(pushed.event_type, "card_click")
        self.assertIn('static constexpr std::string_view event_type = "card_click";', self.files["events.hpp"])
        self.assertIn("using all_events = boost::mp11::mp_list<Pushed>;", self.files["events.hpp"])
        self.assertIn('#include "chatbind/mini/generated/events.hpp"', self.files["all.hpp"])
        plain = render.render(loader.load(MINI, REPO))
        self.assertNotIn("event_type", all_text(plain))
        self.assertNotIn("events.hpp", plain, "only platforms with events get the header")

    def test_optional_json_keeps_absent_and_null_apart(self):
        self.assertIn("std::optional<chatbind::RawJson> raw{};", self.text)
        self.assertIn("std::optional<chatbind::RawJson> result{};", self.text, "the envelope's result too")

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
        text = all_text(render.render(self.m))
        self.assertIn("enum class Kind : std::int32_t {", text)
        self.assertIn("std::optional<Status> status{};", text)
        self.assertIn("std::optional<bool> flag{};", text)
        self.assertIn("struct Message<chatbind::miniproto::Envelope> {", text)
        self.assertIn('{2, Kind::bytes, false, "blob"}', text)
        self.assertIn('{1, Kind::fixed64, true, "stamps"}', text)
        self.assertIn("using members = Members<&T::stamps, &T::delta>;", text, "the members in the table's order")
        self.assertIn('#include "chatbind/core/protobuf.hpp"', text)
        self.assertNotIn("core/protobuf.hpp", all_text(render.render(loader.load(MINI, REPO))), "JSON-only platforms do not pull it in")


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
        text = render.render(load_doc(doc))["spec_examples.hpp"]
        self.assertIn('response_example<Echo> =\n    R"json(code: 1\nmsg: "ok")json";', text)

    def test_rendered_and_deterministic(self):
        doc = self.doc_with_example()
        first, second = render.render(load_doc(doc)), render.render(load_doc(copy.deepcopy(doc)))
        banner = "\n"  # the first line names the (temporary) spec file
        self.assertEqual(first["spec_examples.hpp"].split(banner, 1)[1], second["spec_examples.hpp"].split(banner, 1)[1])
        text = first["spec_examples.hpp"]
        self.assertIn("inline constexpr std::string_view response_example{};", text)
        self.assertIn('response_example<GetNode> =\n    R"json({"result":{"children":[],', text)
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
        self.assertIn('request_example<PutNode> =\n    R"json({"children":[],"id":5})json";',
                      render.render(load_doc(doc))["spec_examples.hpp"])


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
            "operationId": "uploadFile", "tags": ["nodes"], "servers": [{"url": "https://upload.example"}],
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
        self.assertIn("static constexpr Body body = Body::multipart;", files["nodes.hpp"])
        self.assertIn("chatbind::multipart::File file{};", files["nodes.hpp"])
        plain = render.render(load_doc(yaml.safe_load(MINI.read_text())))
        self.assertNotIn("multipart", all_text(plain), "only a platform with file members mentions it")

    def test_a_multipart_body_must_ref_a_schema(self):
        doc = self.doc_with_upload()
        doc["paths"]["/upload"]["post"]["requestBody"]["content"]["multipart/form-data"]["schema"] = {"type": "object"}
        with self.assertRaisesRegex(loader.SpecError, "multipart request body must \\$ref"):
            load_doc(doc)


class FormBodyTest(unittest.TestCase):
    """An application/x-www-form-urlencoded body (an OAuth token exchange): Body::form, its
    `format: password` fields listed as secret_fields, and an x-chatbind-bare answer."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["TokenForm"] = {
            "type": "object", "required": ["grant_type"],
            "properties": {"grant_type": {"type": "string", "description": "The grant."},
                           "client_secret": {"type": "string", "format": "password", "description": "Secret."}}}
        doc["components"]["schemas"]["Token"] = {
            "type": "object", "required": ["access_token"],
            "properties": {"access_token": {"type": "string", "description": "The token."}}}
        doc["paths"]["/token"] = {"post": {
            "operationId": "requestToken", "tags": ["nodes"], "security": [],
            "requestBody": {"content": {"application/x-www-form-urlencoded": {
                "schema": {"$ref": "#/components/schemas/TokenForm"}}}},
            "responses": {"200": {"description": "ok", "x-chatbind-bare": True, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Token"}}}}}}}
        return doc

    def test_loaded(self):
        ep = next(e for e in load_doc(self.doc()).endpoints if e.name == "RequestToken")
        self.assertEqual(ep.body, "form")
        self.assertEqual(ep.request, TypeRef("struct", "TokenForm"))
        self.assertEqual(ep.response, TypeRef("struct", "Token"))
        self.assertEqual(ep.secret_fields, ["client_secret"])
        self.assertTrue(ep.anonymous)

    def test_rendered(self):
        text = render.render(load_doc(self.doc()))["nodes.hpp"]
        self.assertIn("static constexpr Body body = Body::form;", text)
        self.assertIn('static constexpr std::array<std::string_view, 1> secret_fields{"client_secret"};', text)
        self.assertIn("#include <array>", text)
        self.assertIn("using response = Token;", text)

    def test_without_the_bare_mark_the_answer_is_the_envelopes_result(self):
        doc = self.doc()
        del doc["paths"]["/token"]["post"]["responses"]["200"]["x-chatbind-bare"]
        ep = next(e for e in load_doc(doc).endpoints if e.name == "RequestToken")
        self.assertEqual(ep.response, TypeRef("empty"))

    def test_a_form_body_must_ref_a_schema(self):
        doc = self.doc()
        doc["paths"]["/token"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"] = {}
        with self.assertRaisesRegex(loader.SpecError, "form request body must \\$ref"):
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
        text = render.render(load_doc(self.doc()))["nodes.hpp"]
        self.assertIn("using request = PutNodeRequest;", text)
        self.assertIn("using query = PutNodeQuery;", text)

    def test_only_beside_a_json_body(self):
        doc = MultipartTest().doc_with_upload()
        doc["paths"]["/upload"]["post"]["parameters"] = [{"name": "x", "in": "query", "schema": {"type": "string"}}]
        with self.assertRaisesRegex(loader.SpecError, "only a JSON body can take own query parameters"):
            load_doc(doc)


class GroupTest(unittest.TestCase):
    """Each OpenAPI tag is one self-contained header; a type lives in the one header that needs it."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["tags"].append({"name": "leaves", "description": "Leaves."})
        doc["components"]["schemas"]["Twig"] = {"type": "object", "properties": {"leaf": {"$ref": "#/components/schemas/Leaf"}}}
        doc["paths"]["/leaf/get"] = {"get": {
            "operationId": "getTwig", "tags": ["leaves"],
            "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"allOf": [
                {"$ref": "#/components/schemas/Envelope"},
                {"properties": {"result": {"$ref": "#/components/schemas/Twig"}}}]}}}}}}}
        return doc

    def test_placement(self):
        m = load_doc(self.doc())
        groups = {g.name: g for g in m.groups}
        self.assertEqual(list(groups), ["nodes", "leaves"], "in the order of the document's tags")
        self.assertEqual({t.name for t in groups["nodes"].types}, {"Node", "NodeExtra", "GetNodeRequest"})
        self.assertEqual({t.name for t in groups["leaves"].types}, {"Twig", "GetTwigRequest"})
        self.assertEqual({t.name for t in m.shared_types}, {"Leaf", "Envelope"}, "used by two groups, or by none")

    def test_rendered_headers(self):
        files = render.render(load_doc(self.doc()))
        self.assertEqual(set(files), {"types.hpp", "nodes.hpp", "leaves.hpp", "all.hpp", "spec_examples.hpp"})
        self.assertIn("struct Twig {", files["leaves.hpp"])
        self.assertNotIn("struct Node {", files["leaves.hpp"], "a group header holds only its own types")
        self.assertIn("struct Leaf {", files["types.hpp"])
        self.assertIn('#include "chatbind/mini/platform.hpp"', files["leaves.hpp"])
        self.assertIn("class LeavesClient : public BasicClient<Platform, T>, public LeavesApi<LeavesClient<T>> {", files["leaves.hpp"])
        self.assertIn("using all_endpoints = boost::mp11::mp_append<nodes_endpoints, leaves_endpoints>;", files["all.hpp"])
        self.assertLess(files["all.hpp"].index("nodes.hpp"), files["all.hpp"].index("leaves.hpp"))

    def test_policy_gives_a_group_its_own_client(self):
        doc = self.doc()
        doc["tags"][-1]["x-chatbind-policy"] = "Robot"
        m = load_doc(doc)
        self.assertEqual({g.name: g.policy for g in m.groups}, {"nodes": "Platform", "leaves": "RobotPlatform"})
        files = render.render(m)
        leaves = files["leaves.hpp"]
        self.assertIn("using platform = RobotPlatform;", leaves)
        self.assertIn("class LeavesClient : public BasicClient<RobotPlatform, T>, public LeavesApi<LeavesClient<T>> {", leaves)
        self.assertIn("LeavesClient(T, typename RobotPlatform::credentials) -> LeavesClient<T>;", leaves)
        self.assertNotIn("LeavesApi<Client<T>>", files["all.hpp"], "the umbrella client holds the default policy's groups")
        self.assertIn("NodesApi<Client<T>>", files["all.hpp"])
        self.assertIn("leaves_endpoints", files["all.hpp"], "all_endpoints still lists every endpoint")
        doc["components"]["schemas"]["RobotCredentials"] = {"type": "object", "properties": {"x": {"type": "string"}}}
        with self.assertRaisesRegex(loader.SpecError, "RobotCredentials"):
            load_doc(doc)
        del doc["components"]["schemas"]["RobotCredentials"]
        for bad in ("robot", "Platform", 7):
            doc["tags"][-1]["x-chatbind-policy"] = bad
            with self.assertRaisesRegex(loader.SpecError, "x-chatbind-policy"):
                load_doc(doc)

    def test_webhooks(self):
        doc = self.doc()
        doc["tags"].append({"name": "hooks", "description": "What the platform sends."})
        doc["components"]["schemas"]["Ping"] = {"type": "object", "required": ["at"],
                                                "properties": {"at": {"type": "integer", "format": "int64"}}}
        body = {"required": True, "content": {"application/json": {
            "schema": {"$ref": "#/components/schemas/Ping"}, "example": {"at": 7}}}}
        doc["webhooks"] = {"userPing": {"post": {"operationId": "onPing", "summary": "A ping", "tags": ["hooks"],
                                                 "requestBody": body, "responses": {"200": {"description": "ok"}}}},
                           "untagged": {"post": {"requestBody": body}}}
        m = load_doc(doc)
        self.assertEqual([w.cpp for w in m.webhooks], ["UserPingWebhook"], "an untagged webhook only documents")
        files = render.render(m)
        hooks = files["hooks.hpp"]
        self.assertIn("struct UserPingWebhook {", hooks)
        self.assertIn('static constexpr std::string_view name = "userPing";', hooks)
        self.assertIn("using payload = Ping;", hooks)
        self.assertIn("struct Ping {", hooks, "a type only the webhook uses lives with it")
        self.assertNotIn("HooksClient", hooks, "a group of webhooks only has no client")
        self.assertNotIn("hooks_endpoints", files["all.hpp"])
        self.assertIn("using all_webhooks = boost::mp11::mp_append<hooks_webhooks>;", files["all.hpp"])
        self.assertNotIn("HooksApi", files["all.hpp"])
        self.assertIn('webhook_example<UserPingWebhook> =\n    R"json({"at":7})json";', files["spec_examples.hpp"])
        doc["webhooks"]["userPing"]["post"]["tags"] = ["nowhere"]
        with self.assertRaisesRegex(loader.SpecError, "webhook userPing names tag 'nowhere'"):
            load_doc(doc)
        doc["webhooks"]["userPing"]["post"]["tags"] = ["hooks"]
        doc["webhooks"]["userPing"]["post"]["requestBody"]["content"]["application/json"]["schema"] = {"type": "object"}
        with self.assertRaisesRegex(loader.SpecError, "must \\$ref a component schema"):
            load_doc(doc)

    def test_every_operation_names_one_declared_tag(self):
        doc = self.doc()
        doc["paths"]["/leaf/get"]["get"]["tags"] = []
        with self.assertRaisesRegex(loader.SpecError, "exactly one tag"):
            load_doc(doc)
        doc["paths"]["/leaf/get"]["get"]["tags"] = ["nowhere"]
        with self.assertRaisesRegex(loader.SpecError, "do not declare"):
            load_doc(doc)
        doc["tags"].append({"name": "types"})
        doc["paths"]["/leaf/get"]["get"]["tags"] = ["types"]
        with self.assertRaisesRegex(loader.SpecError, "clash with the generated types.hpp"):
            load_doc(doc)

    def test_write_removes_headers_no_longer_generated(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = render.output_dir(loader.load(MINI, REPO), Path(tmp))
            out.mkdir(parents=True)
            (out / "gone.hpp").write_text("stale")
            render.write(loader.load(MINI, REPO), Path(tmp))
            self.assertFalse((out / "gone.hpp").exists())
            self.assertTrue((out / "nodes.hpp").exists())


class CompositionTest(unittest.TestCase):
    """allOf: a base class in responses, flattened members in requests."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        schemas = doc["components"]["schemas"]
        schemas["Base"] = {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}, "b": {"type": "integer"}}}
        schemas["Derived"] = {"allOf": [{"$ref": "#/components/schemas/Base"},
                                        {"type": "object", "required": ["c"], "properties": {"c": {"type": "boolean"}}}],
                              "description": "Base and c."}
        schemas["Leaf"]["properties"]["derived"] = {"$ref": "#/components/schemas/Derived"}
        put = doc["paths"]["/node/put"]["post"]
        put["requestBody"]["content"]["application/json"]["schema"] = {"$ref": "#/components/schemas/Flat"}
        schemas["Flat"] = {"allOf": [{"$ref": "#/components/schemas/Base"}], "properties": {"d": {"type": "string"}}}
        return doc

    def test_response_struct_derives_from_its_base(self):
        m = load_doc(self.doc())
        derived = {s.name: s for s in m.structs}["Derived"]
        self.assertEqual(derived.bases, ["Base"])
        self.assertEqual([f.wire_name for f in derived.fields], ["c"])
        text = all_text(render.render(m))
        self.assertIn("struct Derived : Base {", text)
        self.assertIn("BOOST_DESCRIBE_STRUCT(Derived, (Base), (c))", text)
        self.assertLess(text.index("struct Base {"), text.index("struct Derived : Base {"), "the base comes first")

    def test_request_struct_is_flattened(self):
        m = load_doc(self.doc())
        flat = {s.name: s for s in m.structs}["Flat"]
        self.assertEqual(flat.bases, [])
        self.assertEqual([(f.wire_name, f.presence) for f in flat.fields], [("a", "plain"), ("b", "optional"), ("d", "optional")])
        self.assertIn("BOOST_DESCRIBE_STRUCT(Flat, (), (a, b, d))", all_text(render.render(m)))

    def test_a_member_declared_twice_is_an_error(self):
        doc = self.doc()
        doc["components"]["schemas"]["Derived"]["allOf"][1]["properties"]["a"] = {"type": "string"}
        with self.assertRaisesRegex(loader.SpecError, r"Derived and its bases both declare \['a'\]"):
            load_doc(doc)

    def test_only_objects_compose(self):
        doc = self.doc()
        doc["components"]["schemas"]["Derived"]["allOf"][0] = {"$ref": "#/components/schemas/Kind"}
        with self.assertRaisesRegex(loader.SpecError, "allOf may only compose object schemas"):
            load_doc(doc)


class StringEnumTest(unittest.TestCase):
    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Shape"] = {
            "type": "string", "enum": ["round", "two-sided", "3d"], "description": "A shape.",
            "x-enum-descriptions": ["Round.", "Two sides.", "Solid."]}
        doc["components"]["schemas"]["Leaf"]["properties"]["shape"] = {"$ref": "#/components/schemas/Shape"}
        return doc

    def test_loaded(self):
        shape = {e.name: e for e in load_doc(self.doc()).enums}["Shape"]
        self.assertTrue(shape.string)
        self.assertEqual([(v.name, v.wire) for v in shape.values], [("round", "round"), ("two_sided", "two-sided"), ("v3d", "3d")])

    def test_rendered(self):
        text = render.render(load_doc(self.doc()))["types.hpp"]
        self.assertIn("struct ShapeValues {", text)
        self.assertIn("    two_sided,  ///< Two sides.", text)
        self.assertIn('static constexpr std::array<std::string_view, 3> wire{ "round", "two-sided", "3d" };', text)
        self.assertIn("using Shape = chatbind::StringEnum<ShapeValues>;", text)
        self.assertIn("std::optional<Shape> shape{};", all_text(render.render(load_doc(self.doc()))))

    def test_repeated_names_are_an_error(self):
        doc = self.doc()
        doc["components"]["schemas"]["Shape"]["enum"] = ["a-b", "a_b"]
        del doc["components"]["schemas"]["Shape"]["x-enum-descriptions"]
        with self.assertRaisesRegex(loader.SpecError, "repeat"):
            load_doc(doc)


class UnionTest(unittest.TestCase):
    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        s = doc["components"]["schemas"]
        s["Circle"] = {"type": "object", "required": ["r"], "properties": {"r": {"type": "number"}}}
        s["Square"] = {"type": "object", "required": ["side"], "properties": {"side": {"type": "number"}}}
        s["Figure"] = {"oneOf": [{"$ref": "#/components/schemas/Circle"}, {"$ref": "#/components/schemas/Square"}],
                       "discriminator": {"propertyName": "kind", "mapping": {
                           "circle": "#/components/schemas/Circle", "square": "#/components/schemas/Square"}},
                       "description": "A figure."}
        s["Leaf"]["properties"]["figures"] = {"type": "array", "items": {"$ref": "#/components/schemas/Figure"}}
        return doc

    def test_loaded(self):
        m = load_doc(self.doc())
        (figure,) = m.unions
        self.assertEqual((figure.name, figure.discriminator), ("Figure", "kind"))
        self.assertEqual([(a.tag, a.struct) for a in figure.alternatives], [("circle", "Circle"), ("square", "Square")])
        leaf = {f.wire_name: f for f in {s.name: s for s in m.structs}["Leaf"].fields}
        self.assertEqual(leaf["figures"].type, TypeRef("vector", item=TypeRef("union", "Figure")))

    def test_rendered(self):
        text = all_text(render.render(load_doc(self.doc())))
        self.assertIn("struct Figure : std::variant<Circle, Square, chatbind::UnknownAlternative> {", text)
        self.assertIn('static constexpr std::string_view discriminator = "kind";', text)
        self.assertIn('static constexpr std::array<std::string_view, 2> tags{ "circle", "square" };', text)
        self.assertLess(text.index("struct Circle {"), text.index("struct Figure :"), "alternatives come first")
        self.assertLess(text.index("struct Figure :"), text.index("struct Leaf {"))

    def test_alternatives_leave_the_tag_to_the_union(self):
        doc = self.doc()
        doc["components"]["schemas"]["Circle"]["properties"]["kind"] = {"type": "string"}
        with self.assertRaisesRegex(loader.SpecError, "declares the discriminator 'kind'"):
            load_doc(doc)

    def test_mapping_names_every_alternative(self):
        doc = self.doc()
        del doc["components"]["schemas"]["Figure"]["discriminator"]["mapping"]["square"]
        with self.assertRaisesRegex(loader.SpecError, "mapping must name each oneOf alternative"):
            load_doc(doc)

    def test_inline_unions_must_be_named(self):
        doc = self.doc()
        doc["components"]["schemas"]["Leaf"]["properties"]["one"] = dict(doc["components"]["schemas"]["Figure"])
        with self.assertRaisesRegex(loader.SpecError, "must be a named component"):
            load_doc(doc)


class GroupAndDefaultTest(unittest.TestCase):
    """x-chatbind-group places a type no endpoint refers to; `default:` on a required enum member
    is its initial value."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        s = doc["components"]["schemas"]
        s["Theme"] = {"type": "string", "enum": ["plain", "loud"], "description": "A theme."}
        s["Level"] = {"type": "integer", "enum": [1, 2], "x-enum-varnames": ["low", "high"]}
        s["Content"] = {"type": "object", "x-chatbind-group": "nodes", "description": "The content of a string field.",
                        "required": ["theme", "level", "inner"],
                        "properties": {"theme": {"$ref": "#/components/schemas/Theme", "default": "loud"},
                                       "level": {"$ref": "#/components/schemas/Level", "default": 2},
                                       "maybe": {"$ref": "#/components/schemas/Theme", "default": "plain"},
                                       "inner": {"$ref": "#/components/schemas/Inner"}}}
        s["Inner"] = {"type": "object", "properties": {"n": {"type": "integer"}}}
        return doc

    def test_the_group_header_holds_the_type_and_what_it_uses(self):
        files = render.render(load_doc(self.doc()))
        self.assertIn("struct Content {", files["nodes.hpp"])
        self.assertIn("struct Inner {", files["nodes.hpp"], "its members' types come along")
        self.assertNotIn("struct Content {", files["types.hpp"])

    def test_defaults(self):
        text = render.render(load_doc(self.doc()))["nodes.hpp"]
        self.assertIn("Theme theme{Theme::loud};", text)
        self.assertIn("Level level{Level::high};", text)
        self.assertIn("std::optional<Theme> maybe{};", text, "an optional member stays absent")

    def test_errors(self):
        doc = self.doc()
        doc["components"]["schemas"]["Content"]["x-chatbind-group"] = "nope"
        with self.assertRaisesRegex(loader.SpecError, "x-chatbind-group names 'nope'"):
            load_doc(doc)
        doc = self.doc()
        doc["components"]["schemas"]["Content"]["properties"]["theme"]["default"] = "quiet"
        with self.assertRaisesRegex(loader.SpecError, "default 'quiet' is not a value of Theme"):
            load_doc(doc)
        doc = self.doc()
        doc["components"]["schemas"]["Inner"]["required"] = ["n"]
        doc["components"]["schemas"]["Inner"]["properties"]["n"]["default"] = 3
        with self.assertRaisesRegex(loader.SpecError, "for enum members only"):
            load_doc(doc)


class UnreferencedTypeTest(unittest.TestCase):
    """A type no endpoint refers to (and no x-chatbind-group places) goes to types.hpp, and so does
    every type it needs, even one a single group uses too: types.hpp cannot see a group header."""

    def test_what_it_needs_comes_along(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Pushed"] = {
            "type": "object", "description": "A payload the server posts elsewhere (a webhook's).",
            "required": ["node"], "properties": {"node": {"$ref": "#/components/schemas/Node"}}}
        module = load_doc(doc)
        nodes = next(g for g in module.groups if g.name == "nodes")
        shared = [t.name for t in module.shared_types]
        self.assertIn("Pushed", shared)
        self.assertIn("Node", shared, "Node moves to types.hpp, which nodes.hpp includes")
        self.assertIn("Leaf", shared, "and Node's own members' types with it")
        self.assertNotIn("Node", [t.name for t in nodes.types])
        self.assertIn("GetNodeRequest", [t.name for t in nodes.types], "what only the group uses stays")
        files = render.render(module)
        self.assertLess(files["types.hpp"].index("struct Node {"), files["types.hpp"].index("struct Pushed {"))


class WireNameTest(unittest.TestCase):
    """A wire name that is not a C++ identifier (`chat-id`) becomes a member with '_' and is listed in
    the struct's `wire_names`, bases' members included."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        s = doc["components"]["schemas"]
        s["Base"] = {"type": "object", "properties": {"message-id": {"type": "string", "description": "Id."}}}
        s["Page"] = {"type": "object", "x-chatbind-group": "nodes",
                     "allOf": [{"$ref": "#/components/schemas/Base"},
                               {"properties": {"chat-id": {"type": "string", "description": "Chat."},
                                               "class": {"type": "string", "description": "A keyword."}}}]}
        return doc

    def test_member_and_table(self):
        text = render.render(load_doc(self.doc()))["nodes.hpp"]
        self.assertIn("std::optional<std::string> chat_id{};", text)
        self.assertIn('{"message_id", "message-id"},', text, "a base's renamed member is listed too")
        self.assertIn('{"chat_id", "chat-id"}', text)
        self.assertNotIn('"class_"', text, "the keyword rule needs no table entry")
        self.assertIn("#include <utility>", text)

    def test_clash(self):
        doc = self.doc()
        doc["components"]["schemas"]["Page"]["allOf"][1]["properties"]["chat_id"] = {"type": "string"}
        with self.assertRaisesRegex(loader.SpecError, r"the same member name \['chat_id'\]"):
            load_doc(doc)
        doc = self.doc()
        doc["components"]["schemas"]["Page"]["allOf"][1]["properties"]["chat id"] = {"type": "string"}
        with self.assertRaisesRegex(loader.SpecError, "not usable as a C\\+\\+ member name"):
            load_doc(doc)


class WireAliasTest(unittest.TestCase):
    """x-chatbind-aliases: another key some senders use for a member, read into it by the decoder
    (`wire_aliases`); a key that is already a member cannot be an alias."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Click"] = {
            "type": "object", "x-chatbind-group": "nodes", "required": ["sender_info"],
            "properties": {"sender_info": {"type": "string", "description": "Who.", "x-chatbind-aliases": ["user_info"]},
                           "text": {"type": "string"}}}
        return doc

    def test_table(self):
        m = load_doc(self.doc())
        click = next(t for t in m.structs if t.name == "Click")
        self.assertEqual(click.wire_aliases, [("sender_info", "user_info")])
        text = render.render(m)["nodes.hpp"]
        self.assertIn("wire_aliases{{", text)
        self.assertIn('{"sender_info", "user_info"}', text)
        self.assertIn("#include <utility>", text)

    def test_refusals(self):
        doc = self.doc()
        doc["components"]["schemas"]["Click"]["properties"]["sender_info"]["x-chatbind-aliases"] = ["text"]
        with self.assertRaisesRegex(loader.SpecError, r"names keys that are members \['text'\]"):
            load_doc(doc)
        doc = self.doc()
        doc["components"]["schemas"]["Click"]["properties"]["sender_info"]["x-chatbind-aliases"] = "user_info"
        with self.assertRaisesRegex(loader.SpecError, "must be a list of keys"):
            load_doc(doc)


class BodyAndHostTest(unittest.TestCase):
    """A text/plain body beside query parameters, `security: []`, and a server URL with a path."""

    def doc(self):
        doc = yaml.safe_load(MINI.read_text())
        ok = {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Envelope"}}}}}
        doc["paths"]["/stream"] = {"post": {
            "operationId": "sendStream", "tags": ["nodes"],
            "parameters": [{"name": "to", "in": "query", "required": True, "schema": {"type": "string"}}],
            "requestBody": {"content": {"text/plain": {"schema": {"type": "string"}}}}, "responses": ok}}
        doc["paths"]["/v1/info"] = {"get": {
            "operationId": "getInfo", "tags": ["nodes"], "security": [],
            "servers": [{"url": "https://web.example/"}], "responses": ok}}
        doc["servers"] = [{"url": "https://api.example/open-apis/v1/"}]
        return doc

    def test_loaded(self):
        m = load_doc(self.doc())
        eps = {e.name: e for e in m.endpoints}
        self.assertEqual(eps["SendStream"].body, "text")
        self.assertEqual(eps["SendStream"].query, TypeRef("struct", "SendStreamQuery"))
        self.assertEqual(eps["SendStream"].path, "/open-apis/v1/stream", "the server's path prefixes the operation's")
        self.assertFalse(eps["SendStream"].anonymous)
        self.assertTrue(eps["GetInfo"].anonymous)
        self.assertEqual((eps["GetInfo"].base_url, eps["GetInfo"].path), ("https://web.example", "/v1/info"))

    def test_rendered(self):
        text = render.render(load_doc(self.doc()))["nodes.hpp"]
        self.assertIn("static constexpr Body body = Body::text;", text)
        self.assertIn("std::string body{};", text)
        self.assertIn("static constexpr bool anonymous = true;", text)

    def test_a_text_body_needs_query_parameters(self):
        doc = self.doc()
        del doc["paths"]["/stream"]["post"]["parameters"]
        with self.assertRaisesRegex(loader.SpecError, "travels beside query parameters"):
            load_doc(doc)


class ExtensionTest(unittest.TestCase):
    """x-chatbind-websocket, x-chatbind-signing and x-chatbind-fill are generated, not retyped."""

    def test_websocket(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Frame"] = {"type": "object", "properties": {"type": {"type": "string"}}}
        doc["x-chatbind-websocket"] = {"url": "wss://push.example/ws/connect", "query": "common", "token": ["query"],
                                       "heartbeat": {"send": "PING", "receive": "PONG", "interval-seconds": 30},
                                       "envelope": "#/components/schemas/Frame"}
        files = render.render(load_doc(doc))
        text = files["events.hpp"]
        self.assertIn('static constexpr std::string_view default_base_url = "wss://push.example";', text)
        self.assertIn('static constexpr std::string_view path = "/ws/connect";', text)
        self.assertIn("static constexpr bool token_in_query = true;", text)
        self.assertIn("static constexpr bool token_in_header = false;", text)
        self.assertIn("static constexpr std::chrono::seconds heartbeat_interval{30};", text)
        self.assertIn("using envelope = Frame;", text)
        self.assertIn("struct Frame {", text, "the envelope lives with the events")
        doc["x-chatbind-websocket"]["token"] = ["cookie"]
        with self.assertRaisesRegex(loader.SpecError, "query or header"):
            load_doc(doc)

    def test_signing(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["x-chatbind-signing"] = {"nonce-header": "nonce", "timestamp-header": "timestamp", "sign-header": "sign",
                                     "timestamp-unit": "ms", "algorithm": "hex(sha1(a|b))", "max-age-seconds": 7200}
        text = render.render(load_doc(doc))["types.hpp"]
        self.assertIn('static constexpr std::string_view sign_header = "sign";', text)
        self.assertIn("static constexpr std::chrono::seconds max_age{7200};", text)
        del doc["x-chatbind-signing"]["max-age-seconds"]
        with self.assertRaisesRegex(loader.SpecError, "missing"):
            load_doc(doc)

    def test_fill(self):
        doc = yaml.safe_load(MINI.read_text())
        doc["components"]["schemas"]["Node"]["properties"]["token"] = {"type": "string"}
        doc["components"]["schemas"]["Node"]["required"].append("token")
        doc["paths"]["/node/put"]["post"]["x-chatbind-fill"] = {"token": "uuid"}
        text = render.render(load_doc(doc))["nodes.hpp"]
        self.assertIn("struct chatbind::RequestDefaults<chatbind::mini::Node> {", text)
        self.assertIn("signing::fill_uuid(request.token)", text)
        self.assertIn('static constexpr std::string_view dedup_key = "token";', text,
                      "the filled member is the descriptor's de-duplication key (retries reuse it)")
        doc["paths"]["/node/put"]["post"]["x-chatbind-fill"] = {"label": "uuid"}
        with self.assertRaisesRegex(loader.SpecError, "not a plain string member"):
            load_doc(doc)


if __name__ == "__main__":
    unittest.main()
