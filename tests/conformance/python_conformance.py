#!/usr/bin/env python3
"""chatbind-fake conformance, seen by Python's standard library (urllib.request, json, hashlib).

The fake must accept what the real servers accept and refuse what they refuse. Every request here
is built by urllib and every answer read by json (or by the small protobuf codec below, written from
proto/yunhu/msg.proto), so none of chatbind's encoders or decoders stands between the check and the
wire: a fake that only agreed with chatbind's own clients would mislead a bot written in Python.

Cases (one function each, registered with @case):
  heychat    a send with three of the seven common query parameters, chat_version twice and a key
             of the client's own (urllib sends the header as `Token:`): status ok with `result`; a call
             with no payload (channel_msg/delete) still carries "result":{}; a wrong or missing token
             is {"status":"failed",…} with HTTP 200. The event websocket through a client written
             here on the socket module (RFC 6455): the token in the query or in a `TOKEN:` header, a
             text PING answered PONG, a command pushed with POST /_chatbind/heychat/command arriving
             as a type "50" frame and answered over HTTP; a wrong token gets HTTP 401, no websocket.
  yunhu      a send-message and a list-message-by-seq with hand-encoded protobuf bodies: Status.code 1
             and the message listed back; a wrong token is the JSON {"code":-101,…} on a protobuf route.
  yunhu_bot  a JSON text send (code 1, a msgId), a wrong ?token= (code 1002), the control route
             POST /_chatbind/yunhu_bot/message (the event it made).
  wildfire   hashlib-signed calls (sha1(nonce|secret|timestamp), as the Java SDK signs): a user created
             and read back; a bad signature is 244, a timestamp older than two hours 243, no signature
             239, each repeated inside result as the server does. Bodies as Gson reads them: the
             server SDKs' mute_all body ({"chatroomId","mute":1}, no `status`) is accepted (code 0);
             the members of a chatroom nobody is in are 253. With --wildfire-no-check-time (a second
             fake) an old timestamp is accepted, a bad signature still is not.

Run: python3 tests/conformance/python_conformance.py <chatbind-fake>. Exit status 0 when every
case holds; 1 with "FAILED <case>: <why>" for each one that does not.
"""
import base64
import hashlib
import json
import os
import random
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

HEYCHAT_TOKEN = "py-heychat-token"
YUNHU_TOKEN = "py-yunhu-token"
YUNHU_BOT_TOKEN = "py-yunhu-bot-token"
WILDFIRE_SECRET = "py-wildfire-secret"

BASE = ""  # http://127.0.0.1:<port>, once the fake listens
WS_PORT = 0  # the fake's event websocket port


# --- helpers ----------------------------------------------------------------------------------------

class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode())

    def __repr__(self):
        return f"HTTP {self.status} {self.body[:400]!r}"


last = None  # the last answer, shown when a case fails


def request(method, path, body=None, headers=None):
    """One exchange with the fake; HTTP errors are answers too."""
    global last
    req = urllib.request.Request(BASE + path, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            last = Answer(r.status, r.headers, r.read())
    except urllib.error.HTTPError as e:
        last = Answer(e.code, e.headers, e.read())
    return last


def post_json(path, value, headers=None):
    return request("POST", path, json.dumps(value).encode(), {"Content-Type": "application/json", **(headers or {})})


class CaseFailed(Exception):
    pass


def expect(condition, what):
    if not condition:
        raise CaseFailed(what)


CASES = []


def case(fn):
    CASES.append(fn)
    return fn


def wildfire_post(path, value, secret=WILDFIRE_SECRET, timestamp=None):
    """A signed admin call as the Java SDK's AdminHttpUtils makes it."""
    nonce = str(random.randint(3, 100002))
    stamp = str(int(time.time() * 1000) if timestamp is None else timestamp)
    sign = hashlib.sha1(f"{nonce}|{secret}|{stamp}".encode()).hexdigest()
    return post_json(path, value, {"nonce": nonce, "timestamp": stamp, "sign": sign,
                                   "Content-Type": "application/json; charset=utf-8"})


# Protobuf, as much as these cases need: varints and length-delimited fields.
def varint(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def field(number, value):
    """A field: an int is a varint (wire type 0), bytes/str length-delimited (wire type 2)."""
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    data = value.encode() if isinstance(value, str) else value
    return varint(number << 3 | 2) + varint(len(data)) + data


def parse(data):
    """A message's fields: {number: [values]}, varints as int, length-delimited as bytes."""
    fields, i = {}, 0

    def read_varint():
        nonlocal i
        n = shift = 0
        while True:
            b = data[i]
            i += 1
            n |= (b & 0x7F) << shift
            shift += 7
            if b < 0x80:
                return n

    while i < len(data):
        key = read_varint()
        number, wire = key >> 3, key & 7
        if wire == 0:
            value = read_varint()
        elif wire == 2:
            length = read_varint()
            value, i = data[i:i + length], i + length
        else:
            raise CaseFailed(f"unexpected protobuf wire type {wire} in field {number}")
        fields.setdefault(number, []).append(value)
    return fields


# --- Heychat ----------------------------------------------------------------------------------------

SEND = {"msg": "hi from urllib", "msg_type": 10, "room_id": "3581310465924767744",
        "channel_id": "3595756374695264256", "channel_type": 1}


@case
def heychat_send_lenient_query():
    # urllib capitalizes header names: the server reads `Token:` as the token header.
    a = post_json("/chatroom/v2/channel_msg/send?chat_os_type=bot&client_type=heybox_chat"
                  "&chat_version=1.30.0&chat_version=1.30.0&py_extra=yes", SEND, {"token": HEYCHAT_TOKEN})
    expect(a.status == 200, "HTTP 200")
    body = a.json()
    expect(body.get("status") == "ok", "status ok")
    expect(isinstance(body.get("result"), dict) and body["result"].get("msg_id"), "result with a msg_id")


@case
def heychat_no_payload_result():
    a = post_json("/chatroom/v2/channel_msg/delete?chat_os_type=bot&client_type=heybox_chat&chat_version=1.30.0",
                  {"msg_id": "1", "room_id": SEND["room_id"], "channel_id": SEND["channel_id"]}, {"token": HEYCHAT_TOKEN})
    body = a.json()
    expect(body.get("status") == "ok", "status ok")
    expect(body.get("result") == {}, 'a call with no payload carries "result":{}')


@case
def heychat_wrong_token():
    for headers, what in (({"token": "not-the-token"}, "wrong"), ({}, "missing")):
        a = post_json("/chatroom/v2/channel_msg/send?chat_os_type=bot", SEND, headers)
        expect(a.status == 200, f"a {what} token: HTTP 200 (Heychat refuses in the body)")
        body = a.json()
        expect(body.get("status") == "failed" and "result" not in body, f'a {what} token: {{"status":"failed",…}}')


class WebSocket:
    """A minimal RFC 6455 client on a plain socket: text frames, masked as a client must send them."""

    def __init__(self, target, headers=None):
        self.sock = socket.create_connection(("127.0.0.1", WS_PORT), timeout=10)
        key = base64.b64encode(os.urandom(16)).decode()
        lines = [f"GET {target} HTTP/1.1", f"Host: 127.0.0.1:{WS_PORT}", "Upgrade: websocket", "Connection: Upgrade",
                 f"Sec-WebSocket-Key: {key}", "Sec-WebSocket-Version: 13"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        self.sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            chunk = self.sock.recv(4096)
            if not chunk:
                break
            self.buffer += chunk
        head, _, self.buffer = self.buffer.partition(b"\r\n\r\n")
        self.status = int(head.split(b" ")[1]) if head else 0
        accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        self.accepted = self.status == 101 and accept in head

    def send_text(self, text):
        data, mask = text.encode(), os.urandom(4)
        header = bytes([0x81]) + (bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0x80 | 126]) + struct.pack("!H", len(data)))
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _read(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise CaseFailed("the websocket closed")
            self.buffer += chunk
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def receive_text(self):
        """The next text frame (control frames skipped)."""
        while True:
            first, second = self._read(2)
            length = second & 0x7F
            if length == 126:
                length = struct.unpack("!H", self._read(2))[0]
            elif length == 127:
                length = struct.unpack("!Q", self._read(8))[0]
            payload = self._read(length)
            if first & 0x0F == 0x1:
                return payload.decode()
            if first & 0x0F == 0x8:
                raise CaseFailed("the server closed the websocket")

    def close(self):
        self.sock.close()


def connected_heychat_bots():
    return request("GET", "/_chatbind/websockets").json().get("/chatroom/ws/connect", 0)


@case
def heychat_websocket_command_and_heartbeat():
    ws = WebSocket(f"/chatroom/ws/connect?chat_os_type=bot&client_type=heybox_chat&chat_version=1.30.0&token={HEYCHAT_TOKEN}")
    try:
        expect(ws.accepted, f"the token in the query: 101 Switching Protocols with the right accept key (got {ws.status})")
        ws.send_text("PING")
        expect(ws.receive_text() == "PONG", "a text PING is answered PONG")
        end = time.time() + 5
        while connected_heychat_bots() != 1 and time.time() < end:
            time.sleep(0.05)
        expect(connected_heychat_bots() == 1, "GET /_chatbind/websockets counts the bot")
        pushed = post_json("/_chatbind/heychat/command", {"room_id": SEND["room_id"], "channel_id": SEND["channel_id"],
                                                          "user_id": 43028164, "name": "/roll",
                                                          "options": [{"name": "sides", "type": 4, "value": "20"}]})
        expect(pushed.status == 200, "the control route pushed the command")
        frame = json.loads(ws.receive_text())
        expect(frame["type"] == "50" and frame["sequence"] >= 1, "a type \"50\" frame with a sequence")
        data = frame["data"]
        expect(data["command_info"]["name"] == "/roll" and data["command_info"]["options"][0]["value"] == "20",
               "the command and its option")
        expect(str(data["sender_info"]["user_id"]) == "43028164", "the user who sent it")
        reply = post_json("/chatroom/v2/channel_msg/send?chat_os_type=bot",
                          {**SEND, "msg": "rolled 17", "reply_id": str(data["msg_id"])}, {"token": HEYCHAT_TOKEN})
        expect(reply.json().get("status") == "ok", "the reply over HTTP is accepted")
    finally:
        ws.close()
    header = WebSocket("/chatroom/ws/connect?chat_os_type=bot", {"TOKEN": HEYCHAT_TOKEN})
    header.close()
    expect(header.accepted, f"the token in a TOKEN: header is admitted too (got {header.status})")
    wrong = WebSocket("/chatroom/ws/connect?token=not-the-token")
    wrong.close()
    expect(wrong.status == 401, f"a wrong token is HTTP 401, no websocket (got {wrong.status})")


# --- Yunhu (client API, protobuf) -------------------------------------------------------------------

GROUP, TEXT = 2, 1  # ChatType.CHAT_TYPE_GROUP, ContentType.CONTENT_TYPE_TEXT


def yunhu_post(path, message, token=YUNHU_TOKEN):
    return request("POST", path, message, {"token": token, "Content-Type": "application/x-protobuf"})


def status_of(message_fields):
    """Status (field 1 of StatusResponse and MessageList): {number, code, msg}."""
    status = parse(message_fields[1][0])
    return status.get(2, [0])[0], status.get(3, [b""])[0].decode()


@case
def yunhu_protobuf_send_and_list():
    send = (field(2, "py-msg-1") + field(3, "py-group") + field(4, GROUP) + field(5, field(1, "hello yunhu"))
            + field(6, TEXT))  # SendMessageRequest{msg_id, chat_id, chat_type, data{text}, content_type}
    a = yunhu_post("/v1/msg/send-message", send)
    expect(a.status == 200, "send-message: HTTP 200")
    code, msg = status_of(parse(a.body))
    expect(code == 1, f"send-message: Status.code 1 (got {code} {msg!r})")

    listed = yunhu_post("/v1/msg/list-message-by-seq", field(3, 0) + field(4, GROUP) + field(5, "py-group"))
    answer = parse(listed.body)  # MessageList{status=1, msg=2 (repeated ChatMessage), total=3}
    code, msg = status_of(answer)
    expect(code == 1, f"list-message-by-seq: Status.code 1 (got {code} {msg!r})")
    messages = [parse(m) for m in answer.get(2, [])]
    expect(len(messages) == 1, f"one message listed (got {len(messages)})")
    m = messages[0]  # ChatMessage{msg_id=1, content=5{text=1}, msg_seq=10}
    expect(m[1][0] == b"py-msg-1", "the listed message has the msg_id sent")
    expect(parse(m[5][0])[1][0].decode() == "hello yunhu", "the listed message has the text sent")
    expect(m.get(10, [0])[0] > 0, "the listed message has a msg_seq")


@case
def yunhu_wrong_token_is_json():
    a = yunhu_post("/v1/msg/send-message", field(2, "x") + field(3, "y"), token="not-the-token")
    expect(a.status == 200, "HTTP 200")
    expect(a.json().get("code") == -101, 'a wrong token answers the JSON {"code":-101,…} on a protobuf route')


@case
def yunhu_unknown_path():
    a = yunhu_post("/v1/msg/no-such-endpoint", b"")
    expect(a.status == 404, "HTTP 404")
    expect(a.headers.get("Content-Type", "").startswith("text/plain"), "text/plain")
    expect(a.body == b"404 page not found", "Go's `404 page not found`")


# --- Yunhu bot (open API) ---------------------------------------------------------------------------

@case
def yunhu_bot_send_text():
    send = {"recvId": "g1", "recvType": "group", "contentType": "text", "content": {"text": "hi from urllib"}}
    a = post_json(f"/open-apis/v1/bot/send?token={YUNHU_BOT_TOKEN}", send)
    body = a.json()
    expect(a.status == 200 and body.get("code") == 1, "code 1")
    expect(body["data"]["messageInfo"]["msgId"], "data.messageInfo.msgId")
    wrong = post_json("/open-apis/v1/bot/send?token=not-the-token", send).json()
    expect(wrong.get("code") == 1002, "a wrong token is code 1002")


@case
def yunhu_bot_control_message():
    a = post_json("/_chatbind/yunhu_bot/message", {"userId": "u9", "text": "hello from a user", "groupId": "g1"})
    expect(a.status == 200, "HTTP 200")
    event = a.json()
    expect(event["header"]["eventType"] == "message.receive.normal", "a message.receive.normal event")
    expect(event["event"]["chat"] == {"chatId": "g1", "chatType": "group"}, "in group g1")
    expect(event["event"]["message"]["content"]["text"] == "hello from a user", "with the text")
    bad = post_json("/_chatbind/yunhu_bot/message", {"text": "no user"})
    expect(bad.status == 400 and "userId" in bad.json().get("error", ""), "a missing userId is named")


# --- Wildfire (admin API) ---------------------------------------------------------------------------

@case
def wildfire_create_and_get_user():
    created = wildfire_post("/admin/user/create", {"userId": "py-user", "name": "py-user", "displayName": "Py"}).json()
    expect(created.get("code") == 0 and created["result"]["userId"] == "py-user", "user created")
    got = wildfire_post("/admin/user/get_info", {"userId": "py-user"}).json()
    expect(got.get("code") == 0 and got["result"]["displayName"] == "Py", "user read back")


@case
def wildfire_bad_signature():
    a = wildfire_post("/admin/user/get_info", {"userId": "py-user"}, secret="not-the-secret")
    body = a.json()
    expect(a.status == 200, "HTTP 200")
    expect(body.get("code") == 244 and body.get("result", {}).get("code") == 244, "a bad signature is 244, repeated in result")


@case
def wildfire_old_timestamp():
    three_hours_ago = int(time.time() * 1000) - 3 * 3600 * 1000
    body = wildfire_post("/admin/user/get_info", {"userId": "py-user"}, timestamp=three_hours_ago).json()
    expect(body.get("code") == 243 and body.get("result", {}).get("code") == 243, "a timestamp three hours old is 243")


@case
def wildfire_unsigned():
    body = post_json("/admin/user/get_info", {"userId": "py-user"}).json()
    expect(body.get("code") == 239, "no signature headers is 239")


@case
def wildfire_gson_reads_the_sdks_bodies():
    room = wildfire_post("/admin/chatroom/create", {"title": "py room"}).json()
    expect(room.get("code") == 0, "a chatroom created")
    room_id = room["result"]["chatroomId"]
    # The JavaScript and Python server SDKs send `mute`, not `status`: Gson leaves status 0 and the
    # server answers success.
    muted = wildfire_post("/admin/chatroom/mute_all", {"chatroomId": room_id, "mute": 1}).json()
    expect(muted.get("code") == 0, f"the SDKs' mute_all body is accepted as Gson reads it (got {muted})")
    members = wildfire_post("/admin/chatroom/members", {"chatroomId": room_id}).json()
    expect(members.get("code") == 253, f"the members of a chatroom nobody is in are 253 (got {members})")


@case
def wildfire_no_check_time():
    with tempfile.TemporaryDirectory() as run:
        port_file = os.path.join(run, "port")
        fake = subprocess.Popen([sys.argv[1], "--port", "0", "--port-file", port_file, "--ws-port", "0", "--quiet",
                                 "--wildfire-secret", WILDFIRE_SECRET, "--wildfire-no-check-time"], stdout=subprocess.DEVNULL)
        global BASE
        base = BASE
        try:
            BASE = f"http://127.0.0.1:{wait_for_port(fake, port_file)}"
            old = int(time.time() * 1000) - 3 * 3600 * 1000
            wildfire_post("/admin/user/create", {"userId": "py-old", "name": "py-old", "displayName": "Old"})
            body = wildfire_post("/admin/user/get_info", {"userId": "py-old"}, timestamp=old).json()
            expect(body.get("code") == 0, f"--wildfire-no-check-time: a three-hour-old timestamp is accepted (got {body})")
            bad = wildfire_post("/admin/user/get_info", {"userId": "py-old"}, secret="not-the-secret", timestamp=old).json()
            expect(bad.get("code") == 244, "and a bad signature is still 244")
        finally:
            BASE = base
            fake.terminate()
            fake.wait(timeout=10)


# --- main -------------------------------------------------------------------------------------------

def wait_for_port(fake, port_file):
    end = time.time() + 10
    while time.time() < end:
        if os.path.exists(port_file) and os.path.getsize(port_file) > 0:
            return open(port_file).read().strip()
        if fake.poll() is not None:
            raise SystemExit(f"FAILED: chatbind-fake exited with {fake.returncode} before listening")
        time.sleep(0.05)
    raise SystemExit("FAILED: chatbind-fake wrote no port file within 10 s")


def main():
    global BASE, WS_PORT
    if len(sys.argv) != 2:
        raise SystemExit("usage: python_conformance.py <chatbind-fake>")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # ctest's timeout: the finally below still stops the fake
    with tempfile.TemporaryDirectory() as run:
        port_file = os.path.join(run, "port")
        ws_port_file = os.path.join(run, "ws-port")
        fake = subprocess.Popen([sys.argv[1], "--port", "0", "--port-file", port_file, "--ws-port", "0",
                                 "--ws-port-file", ws_port_file, "--quiet", "--token", HEYCHAT_TOKEN, "--yunhu-token", YUNHU_TOKEN, "--yunhu-bot-token", YUNHU_BOT_TOKEN,
                                 "--wildfire-secret", WILDFIRE_SECRET], stdout=subprocess.DEVNULL)
        failed = []
        try:
            BASE = f"http://127.0.0.1:{wait_for_port(fake, port_file)}"
            WS_PORT = int(wait_for_port(fake, ws_port_file))
            for fn in CASES:
                try:
                    fn()
                    print("ok:", fn.__name__)
                except Exception as e:  # a failed expectation, or an answer of the wrong shape
                    why = str(e) if isinstance(e, CaseFailed) else f"{type(e).__name__}: {e}"
                    print(f"FAILED {fn.__name__}: {why}\n  last answer: {last!r}")
                    failed.append(fn.__name__)
        finally:
            if fake.poll() is None:
                fake.terminate()
            try:
                fake.wait(timeout=10)
            except subprocess.TimeoutExpired:
                fake.kill()
                fake.wait()
        if fake.returncode != 0:
            print(f"FAILED stop: chatbind-fake exited with {fake.returncode} on SIGTERM")
            failed.append("stop")
    if failed:
        raise SystemExit(f"python conformance: {len(failed)} case(s) FAILED: {', '.join(failed)}")
    print("python conformance: all cases hold")


if __name__ == "__main__":
    main()
