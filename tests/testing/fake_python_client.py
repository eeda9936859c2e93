#!/usr/bin/env python3
"""chatbind-fake seen by a client chatbind did not write: Python's standard library over real HTTP.

Starts chatbind-fake (argv[1]) on free ports and checks, as a Yunhu bot SDK would see them: a
multipart image upload (a form built by hand, as requests/aiohttp would send it), a send with buttons,
a wrong token (code 1002), the webhook delivery of a command and of a click to an http.server
receiver (each event once, in order), and the control routes' refusals. And as a Wildfire app server
would (the Java SDK's signing, by hashlib): a robot created with a callback URL, a user's message to it
posted there, the robot's own send (its `rid` and secret), the message callback, a wrong robot secret
(244). Exit status 0 when all hold.
"""
import hashlib
import http.server
import random
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

TOKEN = "py-bot-token"


def wait_for(path, seconds=10):
    end = time.time() + seconds
    while time.time() < end:
        if os.path.exists(path) and os.path.getsize(path) > 0:
            return open(path).read().strip()
        time.sleep(0.05)
    raise SystemExit(f"{path} never appeared")


def post(url, body, content_type="application/json"):
    req = urllib.request.Request(url, data=body, method="POST", headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def check(condition, what):
    if not condition:
        raise SystemExit("FAILED: " + what)
    print("ok:", what)


received = []  # the Yunhu bot webhook's events
callbacks = {}  # Wildfire's callbacks, by path


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path == "/hook":
            received.append(body)
        else:
            callbacks.setdefault(self.path, []).append(body)
        self.send_response(200)
        self.send_header("Content-Length", "7")
        self.end_headers()
        self.wfile.write(b"success")

    def log_message(self, *args):
        pass


def wildfire_post(url, body, secret, extra_headers=None):
    """A signed Wildfire call as the Java SDK's AdminHttpUtils/RobotHttpUtils make it."""
    nonce = str(random.randint(3, 100002))
    timestamp = str(int(time.time() * 1000))
    headers = {"Content-Type": "application/json; charset=utf-8", "nonce": nonce, "timestamp": timestamp,
               "sign": hashlib.sha1(f"{nonce}|{secret}|{timestamp}".encode()).hexdigest()}
    headers.update(extra_headers or {})
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST", headers=headers)
    with urllib.request.urlopen(req, timeout=5) as r:
        return json.loads(r.read().decode())


def wait_callbacks(path, count):
    end = time.time() + 5
    while len(callbacks.get(path, [])) < count and time.time() < end:
        time.sleep(0.05)
    return callbacks.get(path, [])


def wildfire(base, port):
    secret = "py-admin-secret"
    status, _ = post(f"{base}/_chatbind/wildfire/callbacks",
                     json.dumps({"message": f"http://127.0.0.1:{port}/wf/message"}).encode())
    check(status == 200, "wildfire message callback URL set")
    for user in ("alice", "bob"):
        answer = wildfire_post(f"{base}/admin/user/create", {"userId": user, "name": user}, secret)
        check(answer["code"] == 0 and answer["result"]["userId"] == user, f"wildfire user {user} created")
    robot = wildfire_post(f"{base}/admin/robot/create", {"userId": "pybot", "name": "pybot", "owner": "alice",
                                                         "callback": f"http://127.0.0.1:{port}/wf/robot"}, secret)
    check(robot["code"] == 0 and robot["result"]["secret"], "wildfire robot created with a secret")
    robot_secret = robot["result"]["secret"]
    asked = wildfire_post(f"{base}/admin/message/send", {"sender": "bob", "conv": {"type": 0, "target": "pybot", "line": 0},
                                                         "payload": {"type": 1, "searchableContent": "ping"}}, secret)
    check(asked["code"] == 0 and asked["result"]["messageUid"] > 2 ** 53, "wildfire admin send, a 64-bit messageUid")
    got = wait_callbacks("/wf/robot", 1)
    check(len(got) == 1 and got[0]["sender"] == "bob" and got[0]["payload"]["searchableContent"] == "ping",
          "the robot's callback got bob's message")
    said = wildfire_post(f"{base}/robot/message/send", {"conv": {"type": 0, "target": "bob", "line": 0},
                                                        "payload": {"type": 1, "searchableContent": "pong"}},
                         robot_secret, {"rid": "pybot"})
    check(said["code"] == 0, "the robot sends with its rid and its own secret")
    forwarded = wait_callbacks("/wf/message", 2)
    check([m["messageId"] for m in forwarded] == [asked["result"]["messageUid"], said["result"]["messageUid"]],
          "the message callback got both messages, in order, uids exact")
    check(forwarded[1]["sender"] == "pybot", "the robot's message is sent as the robot")
    wrong = wildfire_post(f"{base}/robot/message/send", {"conv": {"type": 0, "target": "bob"}, "payload": {"type": 1}},
                          "guess", {"rid": "pybot"})
    check(wrong["code"] == 244 and wrong["result"]["code"] == 244, "a wrong robot secret is 244, repeated in result")
    unsigned = wildfire_post(f"{base}/robot/message/send", {"conv": {"type": 0, "target": "bob"}, "payload": {"type": 1}},
                             robot_secret)
    check(unsigned["code"] == 239, "no rid is 239")
    status, _ = post(f"{base}/_chatbind/wildfire/callbacks", b'{"nosuch":"http://127.0.0.1:1/x"}')
    check(status == 400, "an unknown callback name is refused")


def main():
    run = tempfile.mkdtemp()
    fake = subprocess.Popen([sys.argv[1], "--port", "0", "--port-file", f"{run}/port", "--ws-port-file", f"{run}/ws",
                             "--yunhu-bot-token", TOKEN, "--wildfire-secret", "py-admin-secret", "--quiet"],
                            stdout=subprocess.DEVNULL)
    receiver = http.server.HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{wait_for(f'{run}/port')}"
        api = f"{base}/open-apis/v1"

        boundary = "----pyformboundary7MA4YWxk"
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
        form = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n"
                f"Content-Type: image/png\r\n\r\n").encode() + png + f"\r\n--{boundary}--\r\n".encode()
        status, body = post(f"{api}/image/upload?token={TOKEN}", form, f"multipart/form-data; boundary={boundary}")
        answer = json.loads(body)
        check(status == 200 and answer["code"] == 1 and answer["data"]["imageKey"], "multipart image upload → imageKey")

        send = {"recvId": "g1", "recvType": "group", "contentType": "markdown",
                "content": {"text": "**pick**", "buttons": [[{"text": "A", "actionType": 3, "value": "a"}]]}}
        status, body = post(f"{api}/bot/send?token={TOKEN}", json.dumps(send).encode())
        sent = json.loads(body)
        check(status == 200 and sent["code"] == 1 and sent["data"]["messageInfo"]["msgId"], "send with buttons")
        status, body = post(f"{api}/bot/send?token=wrong", json.dumps(send).encode())
        check(json.loads(body)["code"] == 1002, "a wrong token is code 1002")

        hook = f"http://127.0.0.1:{receiver.server_port}/hook"
        status, _ = post(f"{base}/_chatbind/yunhu_bot/webhook", json.dumps({"url": hook}).encode())
        check(status == 200, "webhook registered")
        status, body = post(f"{base}/_chatbind/yunhu_bot/command",
                            json.dumps({"userId": "u1", "commandName": "menu", "groupId": "g1"}).encode())
        check(status == 200 and json.loads(body)["header"]["eventType"] == "message.receive.instruction", "command made")
        status, body = post(f"{base}/_chatbind/yunhu_bot/click", json.dumps({"userId": "u1", "value": "a"}).encode())
        check(status == 200, "click on the message sent above")
        status, again = post(f"{base}/_chatbind/yunhu_bot/emit", body.encode())  # the same event again
        check(status == 200, "a repeated event emitted")
        end = time.time() + 5
        while len(received) < 3 and time.time() < end:
            time.sleep(0.05)
        types = [e["header"]["eventType"] for e in received]
        check(types == ["message.receive.instruction", "button.report.inline", "button.report.inline"], f"webhook got {types}")
        check(received[1]["event"]["msgId"] == sent["data"]["messageInfo"]["msgId"], "the click names the message")
        check(received[1]["header"]["eventId"] == received[2]["header"]["eventId"], "the repeat keeps its eventId")

        status, body = post(f"{base}/_chatbind/yunhu_bot/click", json.dumps({"userId": "u1", "value": "nope"}).encode())
        check(status == 400 and "nope" in json.loads(body)["error"], "a click on no such button is refused")
        status, body = post(f"{base}/_chatbind/yunhu_bot/command", b'{"userId":"u1"}')
        check(status == 400 and "commandName" in json.loads(body)["error"], "a missing field is named")
        status, _ = post(f"{base}/_chatbind/yunhu_bot/webhook", b'{"url":"ftp://x"}')
        check(status == 400, "a non-http webhook URL is refused")

        wildfire(base, receiver.server_port)
    finally:
        fake.terminate()
        fake.wait(timeout=10)
        receiver.shutdown()
    check(fake.returncode == 0, "chatbind-fake stopped cleanly")


if __name__ == "__main__":
    main()
