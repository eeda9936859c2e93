"""Writes sign_vectors.json: Wildfire signatures computed with Python's hashlib, independently of
chatbind's C++ code. Produced by: /usr/bin/python3 tests/data/wildfire/make_sign_vectors.py

sign = hex(sha1(nonce + "|" + secret + "|" + str(timestamp))), UTF-8.
"""
import hashlib
import json
from pathlib import Path

CASES = [
    ("76616", "123456", 1558350862502),          # the document's example headers
    ("76616", "", 1558350862502),                # empty secret
    ("a1b2c3", "密钥🔑 secret", 1700000000000),    # non-ASCII secret (CJK + a 4-byte emoji)
    ("n", "s" * 200, 1732406400000),             # long secret
    ("0123456789", "wildfire", 1),               # digits-only nonce
    ("nonce", "secret", 0),                      # timestamp 0
    ("e3b0c44298fc1c149afbf4c8996fb924", "秘", 9223372036854775807),  # largest timestamp
]


def main() -> None:
    vectors = [{"nonce": n, "secret": s, "timestamp": t,
                "sign": hashlib.sha1(f"{n}|{s}|{t}".encode("utf-8")).hexdigest()} for n, s, t in CASES]
    out = Path(__file__).with_name("sign_vectors.json")
    out.write_text(json.dumps(vectors, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
