#!/usr/bin/python3
"""An attacker's bundle forge, written from Docs/FORMAT.md alone, for the end-to-end attack tests.

It has only what such a person has: a desk key of their own (wrapped in their own vault, whose
passphrase they know), the team's public key (every desk is given it) and intercepted bundles.

  craft.py split BUNDLE DIR                       envelopes of a bundle -> DIR/0.tmnr, 1.tmnr…; prints the bundle id
  craft.py forge --team-pub PUB [--also PUB…] --record HEX --desk FINGERPRINT --city CITY OUT
                                                  a record sealed to the team (and to other keys) with that id
  craft.py keyid PUB                              the key id (hex) of a team.pub
  craft.py forge … [--answer FIELD=TEXT…] [--json-answer FIELD=JSON…]
                                                  the same record with more answers (a date, a time, a place; any JSON)
  craft.py forge … [--receipt CODE]                the same record with that receipt (default FAKE-0000)
  craft.py forge … [--type TYPE] [--file ID:KEY:NAME:PATH…]     the same record listing evidence files (hex id and key, name,
                                                  size and SHA-256 of the file at PATH) in `files`
  craft.py stream ID KEY PATH OUT                 the file stream of PATH with that hex id and key
  craft.py sign --vault DIR --passphrase-file FILE [--time T] [--bundle-id HEX] [--name NAME] [--stream S…] OUT ENVELOPE…
                                                  a bundle of ENVELOPEs signed with the vault's desk key
                                                  (version 3 carrying the file streams S when given, else 2)
"""
import argparse
import hashlib
import json
import os
import sqlite3
import sys

import nacl.bindings as sodium
import nacl.signing


def blake2b(data, size):
    return hashlib.blake2b(data, digest_size=size).digest()


def u(value, size):
    return value.to_bytes(size, "big")


def padme(x):
    e = x.bit_length() - 1
    s = e.bit_length()
    mask = (1 << (e - s)) - 1
    return (x + mask) & ~mask


def read_public_key(path):
    data = open(path, "rb").read()
    assert data[:6] == b"TMNP\x01\x01", "not a team.pub"
    return data[6:38]


def desk_signing_key(vault, passphrase_file):
    """Unwraps the desk secret kept in the attacker's own vault (setting.desk_key, a TMNS kind 2 file)."""
    db = sqlite3.connect(f"file:{os.path.join(vault, 'vault.sqlite')}?mode=ro", uri=True)
    blob = db.execute("SELECT value FROM setting WHERE name = 'desk_key'").fetchone()[0]
    assert blob[:6] == b"TMNS\x01\x02", "not a desk key"
    name_length = int.from_bytes(blob[38:40], "big")
    at = 40 + name_length
    ops, mem = int.from_bytes(blob[at:at + 8], "big"), int.from_bytes(blob[at + 8:at + 16], "big")
    salt, nonce = blob[at + 16:at + 32], blob[at + 32:at + 56]
    header, ciphertext = blob[:at + 56], blob[at + 56:]
    passphrase = open(passphrase_file, "rb").read().split(b"\n")[0].split(b"\r")[0]
    key = sodium.crypto_pwhash_alg(32, passphrase, salt, ops, mem, sodium.crypto_pwhash_ALG_ARGON2ID13)
    secret = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(ciphertext, header, nonce, key)
    signing = nacl.signing.SigningKey(secret[:32])
    assert bytes(signing.verify_key) == blob[6:38], "the seed does not give the vault's public key"
    return signing


def split(args):
    data = open(args.bundle, "rb").read()
    name_length = int.from_bytes(data[61:63], "big")
    count = int.from_bytes(data[63 + name_length:67 + name_length], "big")
    at = 67 + name_length + (4 if data[4] >= 3 else 0)    # version 3: the file count follows the record count
    os.makedirs(args.dir, exist_ok=True)
    for index in range(count):
        length = int.from_bytes(data[at:at + 4], "big")
        open(os.path.join(args.dir, f"{index}.tmnr"), "wb").write(data[at + 4:at + 4 + length])
        at += 4 + length
    print(data[37:53].hex())


def forge(args):
    payload = {"answers": {"account": "Forged account.", "check_date": "2026-03", "city": args.city, "consent": "yes",
                           "role": "checked"},
               "desk": args.desk, "form": {"id": "temoin-reconnaissance-faciale", "version": 1},
               "format": "temoin-record", "receipt": args.receipt, "record": args.record,
               "sealed_at": "2026-03-14T14:53:20Z", "version": 1}
    for answer in args.answer:
        field, text = answer.split("=", 1)
        payload["answers"][field] = text
    for answer in args.json_answer:
        field, text = answer.split("=", 1)
        payload["answers"][field] = json.loads(text)
    if args.file:
        files = []
        for spec in args.file:
            file_id, key, name, path = spec.split(":", 3)
            content = open(path, "rb").read()
            files.append({"field": "evidence_files", "id": file_id, "key": key, "name": name, "type": args.type,
                          "sha256": hashlib.sha256(content).hexdigest(), "size": len(content)})
        payload["files"], payload["form"]["version"] = files, 3
        payload["answers"]["evidence_files"] = [entry["id"] for entry in files]
    plain = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    length = padme(max(len(plain) + 1, 4096))
    padded = plain + b"\x80" + bytes(length - len(plain) - 1)
    content_key, nonce = os.urandom(32), os.urandom(24)
    recipients = [read_public_key(path) for path in [args.team_pub] + args.also]
    header = b"TMNR\x01" + bytes.fromhex(args.record) + u(len(recipients), 1)
    for public in recipients:
        header += blake2b(public, 8) + sodium.crypto_box_seal(content_key, public)
    header += nonce + u(len(padded) + 16, 4)
    ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(padded, header, nonce, content_key)
    open(args.out, "wb").write(header + ciphertext)


def stream(args):
    """A file stream (Docs/FORMAT.md, "File stream"): padded like a payload, 65,536-byte chunks, the last final."""
    content = open(args.path, "rb").read()
    length = padme(max(len(content) + 1, 4096))
    plain = content + b"\x80" + bytes(length - len(content) - 1)
    state = sodium.crypto_secretstream_xchacha20poly1305_state()
    out = b"TMNF\x01" + bytes.fromhex(args.id) + sodium.crypto_secretstream_xchacha20poly1305_init_push(state, bytes.fromhex(args.key))
    for at in range(0, length, 65536):
        tag = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL if at + 65536 >= length else 0
        out += sodium.crypto_secretstream_xchacha20poly1305_push(state, plain[at:at + 65536], None, tag)
    open(args.out, "wb").write(out)


def sign(args):
    signing = desk_signing_key(args.vault, args.passphrase_file)
    envelopes = [open(path, "rb").read() for path in args.envelopes]
    streams = [open(path, "rb").read() for path in args.stream]
    version = 3 if streams else 2
    name = args.name.encode()
    bundle_id = bytes.fromhex(args.bundle_id) if args.bundle_id else os.urandom(16)
    header = (b"TMNB" + u(version, 1) + bytes(signing.verify_key) + bundle_id + u(args.time, 8) + u(len(name), 2) + name
              + u(len(envelopes), 4) + (u(len(streams), 4) if streams else b""))
    body = b"".join(u(len(e), 4) + e for e in envelopes) + b"".join(u(len(s), 8) + s for s in streams)
    manifest = b"TMNM" + u(len(envelopes), 4) + b"".join(e[5:21] + blake2b(e, 32) for e in envelopes)
    if streams:
        manifest += u(len(streams), 4) + b"".join(s[5:21] + u(len(s), 8) + hashlib.sha256(s).digest() for s in streams)
    signature = signing.sign(f"temoin-bundle-v{version}".encode() + blake2b(header + manifest, 64)).signature
    open(args.out, "wb").write(header + body + manifest + signature)


def keyid(args):
    print(blake2b(read_public_key(args.pub), 8).hex())


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("split")
    p.add_argument("bundle")
    p.add_argument("dir")
    p = commands.add_parser("forge")
    p.add_argument("--team-pub", required=True)
    p.add_argument("--also", action="append", default=[])
    p.add_argument("--record", required=True)
    p.add_argument("--desk", required=True)
    p.add_argument("--city", required=True)
    p.add_argument("--receipt", default="FAKE-0000")
    p.add_argument("--answer", action="append", default=[])
    p.add_argument("--json-answer", action="append", default=[])
    p.add_argument("--type", default="image/png")
    p.add_argument("--file", action="append", default=[])
    p.add_argument("out")
    p = commands.add_parser("stream")
    for name in ("id", "key", "path", "out"):
        p.add_argument(name)
    p = commands.add_parser("sign")
    p.add_argument("--vault", required=True)
    p.add_argument("--passphrase-file", required=True)
    p.add_argument("--time", type=int, default=0)
    p.add_argument("--bundle-id")
    p.add_argument("--name", default="Permanence")
    p.add_argument("--stream", action="append", default=[])
    p.add_argument("out")
    p.add_argument("envelopes", nargs="*")
    p = commands.add_parser("keyid")
    p.add_argument("pub")
    args = parser.parse_args()
    {"split": split, "forge": forge, "stream": stream, "sign": sign, "keyid": keyid}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
